"""The eval harness: gold loading (gold-format v1), matching, metrics, runner, reports."""
