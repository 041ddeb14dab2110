"""fairbrief's exceptions, all under one root. Only the API layer maps them to HTTP.

FairbriefError
├── InputError                 the article or request cannot be used
│   ├── EmptyInputError        empty or whitespace-only text
│   ├── InputTooLargeError     over a size limit (bytes or characters)
│   ├── NotUTF8Error           bytes that do not decode as UTF-8
│   └── UnsupportedFormatError a content type or input format fairbrief does not read
├── BackendError               a backend failed (status, request id, retries)
│   ├── IncompleteOutputError  the model hit its token limit
│   └── SchemaError            the model's output did not fit the schema
├── FetchError                 an article URL could not be fetched
│   ├── UrlRefusedError        the URL points somewhere fairbrief may not go (SSRF guard)
│   ├── FetchTimeoutError      the page did not arrive in time
│   └── PageUnsupportedError   the page is not HTML or text, or too large
├── AuthError                  no, or an unknown, API key
│   └── ForbiddenError         a known key without the right to do this
├── EngineUnavailableError     the engine asked for is not configured here
│   └── OfflineOnlyError       the LLM asked for on an offline-only service
├── RateLimitedError           a key's rate limit is used up
├── NotFoundError              no such job or article
│   └── DeletedError           a Result removed on request (DELETE /v1/articles/{id})
└── PromptError                a prompt file is missing or malformed
"""

from __future__ import annotations


class FairbriefError(Exception):
    """Root of every error fairbrief raises on purpose."""

    code = "fairbrief-error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputError(FairbriefError):
    code = "invalid-input"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class EmptyInputError(InputError):
    code = "empty-article"


class InputTooLargeError(InputError):
    code = "too-large"

    def __init__(self, message: str, *, limit: int, unit: str, field: str | None = None) -> None:
        super().__init__(message, field=field)
        self.limit = limit
        self.unit = unit


class NotUTF8Error(InputError):
    code = "not-utf8"


class UnsupportedFormatError(InputError):
    code = "unsupported-media-type"


class BackendError(FairbriefError):
    code = "backend-error"

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        request_id: str | None = None,
        retries: int = 0,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.request_id = request_id
        self.retries = retries


class BackendUnavailableError(BackendError):
    code = "backend-unavailable"

    def __init__(
        self, message: str, *, retry_after: float | None = None, **context: object
    ) -> None:
        super().__init__(message, **context)  # type: ignore[arg-type]
        self.retry_after = retry_after


class BackendTimeoutError(BackendError):
    code = "backend-timeout"


class RefusalError(BackendError):
    code = "model-refused"


class IncompleteOutputError(BackendError):
    code = "incomplete-output"


class SchemaError(BackendError):
    code = "schema-error"

    def __init__(
        self, message: str, *, raw_output: str, attempts: int, usage: dict[str, int] | None = None
    ) -> None:
        super().__init__(message)
        self.raw_output = raw_output
        self.attempts = attempts
        self.usage = usage or {}


class EngineUnavailableError(FairbriefError):
    code = "engine-unavailable"


class OfflineOnlyError(EngineUnavailableError):
    code = "offline-only"


class PromptError(FairbriefError):
    code = "prompt-error"


class FetchError(FairbriefError):
    code = "fetch-failed"


class UrlRefusedError(FetchError):
    code = "url-refused"


class FetchTimeoutError(FetchError):
    code = "fetch-timeout"


class PageUnsupportedError(FetchError):
    code = "page-unsupported"


class AuthError(FairbriefError):
    code = "unauthorized"


class ForbiddenError(AuthError):
    code = "forbidden"


class RateLimitedError(FairbriefError):
    code = "rate-limited"

    def __init__(self, message: str, *, retry_after: float) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class NotFoundError(FairbriefError):
    code = "not-found"


class DeletedError(NotFoundError):
    code = "deleted"
