"""CAF 2020 self-assessment: evaluators, scores, consensus, report, improvement plan."""
