"""Audits, corrective actions, management review, awareness sessions."""
