"""fairbrief: neutral, source-attributed summaries of news articles, verified against the article."""

__version__ = "0.1.0"
