"""Where the service keeps things between requests: results (the cache) and batch jobs."""
