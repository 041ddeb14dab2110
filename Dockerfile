# fairbrief: the HTTP service with the embedded offline engine (no API key needed).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# dependencies first, from the hash-pinned lock, so code changes reuse this layer
COPY requirements.lock ./
RUN pip install --require-hashes -r requirements.lock

COPY pyproject.toml README.md ./
COPY service ./service
COPY evals ./evals
COPY prompts ./prompts
RUN pip install --no-deps . \
    && useradd --create-home --uid 10001 fairbrief

# keys are required in the image (see deploy/fairbrief.env.example); results and batch jobs
# are kept under /data
ENV FAIRBRIEF_REQUIRE_API_KEYS=true \
    FAIRBRIEF_DATA_DIR=/data
RUN mkdir /data && chown fairbrief /data
VOLUME /data

USER fairbrief
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD python -c "import urllib.request, sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/readyz', timeout=4).status != 200)"

CMD ["fairbrief", "serve", "--host", "0.0.0.0", "--port", "8000"]
