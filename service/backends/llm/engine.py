"""The LLM engine: one call for an article that fits, map and reduce for one that does not.

Sentence ids are the article's own in every call, so claims found in different chunks keep
their places; the reduce call writes the summary and finds conflicts across all claims. The
whole article has a deadline; calls in flight are bounded across all requests.
"""

from __future__ import annotations

import json

import anyio

from service.backends.llm.openai_chat import ChatClient, Usage
from service.backends.llm.output import (
    BriefOutput,
    ClaimOutput,
    NonResponseOutput,
    ReduceOutput,
    to_draft,
)
from service.backends.llm.prompts import Prompt, load_prompt
from service.domain import Article, Draft, SummaryOptions
from service.errors import BackendTimeoutError, IncompleteOutputError, InputTooLargeError
from service.pipeline.budget import Counter, chunk_article, counter_for, numbered
from service.settings import Settings

ENGINE_VERSION = "1"
_LANGUAGES = {
    "en": "English",
    "fr": "French",
    "es": "Spanish",
    "de": "German",
    "it": "Italian",
    "pt": "Portuguese",
}


class LLMEngine:
    name = "llm"
    version = ENGINE_VERSION
    sends_text_out = True

    def __init__(self, settings: Settings, prompt: Prompt | None = None) -> None:
        self.settings = settings
        self.prompt = prompt or load_prompt()
        self.prompt_version = self.prompt.id
        self.chat = ChatClient(settings)
        self.counter: Counter = counter_for(settings.llm_model, settings.tiktoken_cache_dir)
        self.slots = anyio.Semaphore(settings.llm_concurrency)
        self._overheads: dict[tuple[int, str], int] = {}

    async def aclose(self) -> None:
        """Close the HTTP connections (the service does it at shutdown; one-off runs at the end)."""
        await self.chat.aclose()

    @property
    def model(self) -> str:
        return self.settings.llm_model

    def overhead_tokens(self, options: SummaryOptions, language: str = "English") -> int:
        """Tokens of instructions and schema that every call carries."""
        key = (options.summary_sentences, language)
        if key not in self._overheads:
            system = self.prompt.render(
                "system", language=language, summary_sentences=options.summary_sentences
            )
            schema = json.dumps(BriefOutput.model_json_schema())
            self._overheads[key] = self.counter.budget(system) + self.counter.budget(schema) + 16
        return self._overheads[key]

    async def draft(self, article: Article, options: SummaryOptions) -> Draft:
        usage = Usage()
        try:
            with anyio.fail_after(self.settings.llm_deadline_seconds):
                draft = await self._draft(article, options, usage)
        except TimeoutError as error:
            raise BackendTimeoutError(
                f"no complete answer within {self.settings.llm_deadline_seconds:.0f} s"
            ) from error
        draft.model = self.model
        draft.prompt_version = self.prompt_version
        draft.prompt_tokens, draft.completion_tokens, draft.calls = (
            usage.prompt_tokens,
            usage.completion_tokens,
            usage.calls,
        )
        draft.encoding = self.counter.name + (
            ""
            if self.counter.margin == 1
            else f" (not {self.model}'s own; {self.counter.margin:.2f}x margin)"
        )
        return draft

    async def _draft(self, article: Article, options: SummaryOptions, usage: Usage) -> Draft:
        language = _LANGUAGES.get(article.language, "the article's language")
        text = numbered(article)
        article_tokens = self.counter.budget(text)
        if article_tokens > self.settings.llm_max_article_tokens:
            raise InputTooLargeError(
                f"the article is about {article_tokens} tokens; the limit for the LLM engine is {self.settings.llm_max_article_tokens}",
                limit=self.settings.llm_max_article_tokens,
                unit="tokens",
                field="text",
            )
        room = (
            self.settings.llm_context_tokens
            - self.overhead_tokens(options, language)
            - self.settings.llm_max_output_tokens
        )
        limit = min(self.settings.llm_chunk_tokens, room)
        if article_tokens <= limit:
            try:
                output = await self._call(article, options, language, text, usage)
                return to_draft(
                    output.claims, output.non_responses, output.conflicts, output.summary
                )
            except IncompleteOutputError:
                limit = max(article_tokens // 2, 20)  # not the same budget again: smaller calls
        return await self._map_reduce(article, options, language, limit, usage)

    async def _map_reduce(
        self, article: Article, options: SummaryOptions, language: str, limit: int, usage: Usage
    ) -> Draft:
        try:
            chunks = chunk_article(article, self.counter, limit)
        except ValueError as error:
            raise InputTooLargeError(
                str(error), limit=limit, unit="tokens", field="text"
            ) from error
        outputs: list[BriefOutput | None] = [None] * len(chunks)

        async def one(index: int) -> None:
            text = numbered(article, chunks[index].sentence_ids)
            outputs[index] = await self._call(article, options, language, text, usage)

        async with anyio.create_task_group() as group:
            for index in range(len(chunks)):
                group.start_soon(one, index)
        claims: list[ClaimOutput] = []
        non_responses: list[NonResponseOutput] = []
        for output in outputs:
            assert output is not None
            claims += output.claims
            non_responses += output.non_responses
        listing = "\n".join(
            f"[{i}] {c.source.name} ({', '.join(c.sentence_ids)}): {c.quote}"
            for i, c in enumerate(claims)
        )
        excerpt = numbered(article, [s.id for s in article.sentences[:8]])
        async with self.slots:
            reduced = await self.chat.complete(
                self.prompt.render(
                    "system", language=language, summary_sentences=options.summary_sentences
                ),
                self.prompt.render(
                    "reduce",
                    language=language,
                    claims=listing,
                    summary_sentences=options.summary_sentences,
                    excerpt=excerpt,
                ),
                ReduceOutput,
                self.settings.llm_max_output_tokens,
                usage,
            )
        return to_draft(claims, non_responses, reduced.conflicts, reduced.summary)

    async def _call(
        self,
        article: Article,
        options: SummaryOptions,
        language: str,
        text: str,
        usage: Usage,
    ) -> BriefOutput:
        system = self.prompt.render(
            "system", language=language, summary_sentences=options.summary_sentences
        )
        user = self.prompt.render("user", article=text)
        async with self.slots:
            return await self.chat.complete(
                system, user, BriefOutput, self.settings.llm_max_output_tokens, usage
            )
