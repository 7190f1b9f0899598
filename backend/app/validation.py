"""Free text from requests, made safe for everywhere it goes: PostgreSQL refuses NUL in text,
and control characters have no business in a file name, a log line or a YouTube title.

`Text` (multi-line: prompts, descriptions) allows tab and newline; `Line` (titles, tags,
query values) allows tab only. Windows line ends become "\\n" first. Anything else below
U+0020, and DEL, is refused with a 400 that names the field and the character.

With length or strip constraints, put the rule after them so that they act on the text itself:
`Annotated[str, StringConstraints(strip_whitespace=True, max_length=100), LINE]`."""

import re
from typing import Annotated, Any

from pydantic import GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

_CONTROLS = {chr(c) for c in range(0x20)} | {"\x7f"}


def _escape(code: int) -> str:
    return f"\\x{code:02x}" if code < 0x20 or code == 0x7F else re.escape(chr(code))


def _char_class(chars: frozenset[str] | set[str]) -> str:
    """E.g. "\\x00-\\x08\\x0b-\\x1f\\x7f": runs of consecutive code points as ranges."""
    codes, parts = sorted(ord(c) for c in chars), []
    start = prev = codes[0]
    for code in [*codes[1:], -1]:
        if code != prev + 1:
            parts.append(_escape(start) if start == prev else f"{_escape(start)}-{_escape(prev)}")
            start = code
        prev = code
    return "".join(parts)


class _NoControls:
    """Refuses control characters except those in `allowed`; documents the rule as a pattern
    in the OpenAPI schema so clients (and schema-driven test tools) know it too."""

    def __init__(self, allowed: str, documented: str = "") -> None:
        self.allowed = allowed
        self.refused = frozenset(_CONTROLS - set(allowed))
        self.pattern = f"^[^{_char_class(self.refused | set(documented))}]*$"

    def documenting(self, chars: str) -> "_NoControls":
        """The same rule, whose schema pattern also excludes `chars` (refused by a validator of
        the field's own, with its own message)."""
        return _NoControls(self.allowed, chars)

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> core_schema.CoreSchema:
        # CRLF is normalised before the inner (str + constraints) schema, the check runs after it.
        checked = core_schema.no_info_after_validator_function(self._check, handler(source))
        return (
            core_schema.no_info_before_validator_function(_crlf, checked)
            if "\n" not in self.refused
            else checked
        )

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler(schema)
        json_schema.setdefault("pattern", self.pattern)
        return json_schema

    def _check(self, value: str) -> str:
        for position, char in enumerate(value):
            if char in self.refused:
                raise PydanticCustomError(
                    "control_character",
                    "must not contain control characters (found U+{code} at position {position})",
                    {"code": f"{ord(char):04X}", "position": position},
                )
        return value


def _crlf(value: Any) -> Any:
    return value.replace("\r\n", "\n") if isinstance(value, str) else value


TEXT = _NoControls("\t\n")
LINE = _NoControls("\t")
Text = Annotated[str, TEXT]
Line = Annotated[str, LINE]
