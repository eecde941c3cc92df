"""The signing stage: PAdES signatures (pyHanko) with a visible stamp, demo keys, verification."""
