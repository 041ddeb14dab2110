"""Prompt files (``prompts/<name>/v<N>.toml``) loaded into a model; data, never Python."""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from service.errors import PromptError

PROMPTS_DIR = Path(__file__).resolve().parents[3] / "prompts"
_FIELD = re.compile(r"\{(\w+)\}")


class Prompt(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    version: str
    variables: list[str]
    reduce_variables: list[str]
    system: str
    user: str
    reduce: str

    @property
    def id(self) -> str:
        return f"{self.name}@{self.version}"

    def render(self, part: str, **values: object) -> str:
        """Fill one part; a variable it needs and was not given is an error that names it."""
        template: str = getattr(self, part)
        needed = set(_FIELD.findall(template))
        missing = sorted(needed - set(values))
        if missing:
            raise PromptError(f"prompt {self.id} part {part!r} needs {', '.join(missing)}")
        return _FIELD.sub(lambda m: str(values[m.group(1)]), template).strip()


@lru_cache(maxsize=8)
def load_prompt(name: str = "brief", version: str = "v1", directory: Path = PROMPTS_DIR) -> Prompt:
    path = directory / name / f"{version}.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise PromptError(f"no prompt file at {path}") from error
    except tomllib.TOMLDecodeError as error:
        raise PromptError(f"{path} is not valid TOML: {error}") from error
    try:
        prompt = Prompt.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        raise PromptError(f"{path}: {'.'.join(map(str, first['loc']))}: {first['msg']}") from error
    for part, declared in (
        ("user", prompt.variables),
        ("system", prompt.variables),
        ("reduce", prompt.reduce_variables),
    ):
        used = set(_FIELD.findall(getattr(prompt, part)))
        if not used <= set(declared):
            raise PromptError(
                f"{path}: part {part!r} uses undeclared {sorted(used - set(declared))}"
            )
    return prompt
