"""How big a value a template may make: every operation that multiplies size is checked first.

A template can grow a value only through a few operations: `*`, `**`, `+` and
`%` on values, `~` (joining text), a block's captured output, and filters that
repeat or pad text. Each is checked against the limits before it runs, so
`'a' * 5000000000` or `9 ** 9 ** 9` is refused at once instead of filling the
memory or running for hours.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from typing import Any

from jinja2.exceptions import TemplateRuntimeError
from jinja2.filters import make_attrgetter

from interviewkit import limits


class WorkLimitError(TemplateRuntimeError):
    """A template asked for more work or memory than any document needs."""


def _size(value: Any) -> int:
    return len(value) if isinstance(value, str | list | tuple | dict) else 0


def _refuse_size(what: str, size: int) -> WorkLimitError:
    return WorkLimitError(
        f"{what} would make a value of {size:,} characters or items; "
        f"the limit is {limits.MAX_HTML_CHARS:,}"
    )


def check_size(what: str, size: int) -> None:
    if size > limits.MAX_HTML_CHARS:
        raise _refuse_size(what, size)


def _check_integer(what: str, bits: int) -> None:
    if bits > limits.MAX_INTEGER_BITS:
        raise WorkLimitError(
            f"{what} would make a number of about {bits:,} bits; "
            f"the limit is {limits.MAX_INTEGER_BITS:,}"
        )


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def check_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse `left <operator> right` if its result would be too large to make."""
    what = f"'{operator}'"
    if operator == "**" and _is_int(left) and _is_int(right) and right > 0:
        if abs(left) > 1:
            _check_integer(what, right * abs(left).bit_length())
    elif operator == "*":
        if _is_int(left) and _is_int(right):
            _check_integer(what, left.bit_length() + right.bit_length())
        elif _is_int(right) and _size(left):
            check_size(what, _size(left) * right)
        elif _is_int(left) and _size(right):
            check_size(what, _size(right) * left)
    elif operator == "+":
        check_size(what, _size(left) + _size(right))
    elif operator == "%" and isinstance(left, str):
        check_format(left)
        check_size(what, len(left) + text_size(right, limits.MAX_HTML_CHARS))


# A printf-style conversion: %(key)s, %-10d, %.3f, %*d ...
_CONVERSION = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")


def check_format(text: str) -> None:
    """Refuse printf-style widths that pad a value to an enormous size."""
    for match in _CONVERSION.finditer(text):
        for number in match.groups():
            if number == "*":
                raise WorkLimitError("a width taken from the values ('%*d') is not allowed")
            if number is not None and int(number) > limits.MAX_FILTER_SIZE:
                raise WorkLimitError(
                    f"a width of {int(number):,} is too wide; "
                    f"the limit is {limits.MAX_FILTER_SIZE:,}"
                )


def text_size(value: Any, limit: int) -> int:
    """About how many characters `value` prints as, counted no further than past `limit`.

    A list of a thousand references to one long text is small to make but huge
    to print; printing is where the memory goes, so that is what is counted.
    """
    total = 0
    pending = [value]
    while pending and total <= limit:
        item = pending.pop()
        if isinstance(item, str):
            total += len(item)
        elif isinstance(item, list | tuple | set | frozenset | dict):
            total += 2 + 4 * len(item)
            if total <= limit:
                pending.extend(item.items() if isinstance(item, dict) else item)
        elif _is_int(item):
            total += item.bit_length() // 3 + 2
        else:
            total += 24  # a number, None, or an object's short name
    return total


_CONTAINERS = (list, tuple, set, frozenset, dict)


def check_text(what: str, value: Any) -> None:
    """Refuse a value that would print as more text than a whole document may hold.

    Text and numbers were bounded when they were made; only a container can
    print as far more than it holds.
    """
    if isinstance(value, _CONTAINERS) or (
        isinstance(value, str) and len(value) > limits.MAX_HTML_CHARS
    ):
        check_size(what, text_size(value, limits.MAX_HTML_CHARS))


def check_join(parts: Iterable[Any], separator: str = "") -> list[Any]:
    """The parts, listed, once their joined text is known to be within bounds."""
    listed = list(parts)
    limit = limits.MAX_HTML_CHARS
    total = len(separator) * max(len(listed) - 1, 0)
    for part in listed:
        total += len(part) if isinstance(part, str) else text_size(part, limit)
        if total > limit:
            raise _refuse_size("joining text", total)
    return listed


def check_output(parts: list[str]) -> list[str]:
    """Captured output (every part already text), refused before it is joined if too long."""
    check_size("joining text", sum(map(len, parts)))
    return parts


def bounded_concat(join: Callable[[Iterable[Any]], str], parts: Iterable[Any]) -> str:
    """`a ~ b ~ c`, refused before it grows too large."""
    return join(check_join(parts))


def bounded_output(value: Any) -> Any:
    """Every `{{ value }}` before it is printed: a container may print as far too much text."""
    if isinstance(value, _CONTAINERS):
        check_size("printing a value", text_size(value, limits.MAX_HTML_CHARS))
    return value


# Filters whose number arguments set a width, a count or a padding.
_SIZED_FILTERS = frozenset({"center", "indent", "batch", "slice", "wordwrap", "truncate"})
# Filters that print their value as text first.
_TEXT_FILTERS = frozenset(
    {"string", "tojson", "pprint", "format", "replace", "center", "indent", "wordwrap"}
    | {"title", "upper", "lower", "capitalize", "trim", "striptags", "urlize", "urlencode"}
    | {"e", "escape", "forceescape", "safe", "wordcount", "truncate"}
)


def _check_filter_arguments(
    name: str, head: tuple[Any, ...], value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> Any:
    """The value to give the filter, once its arguments are known not to blow it up."""
    if name in _TEXT_FILTERS:
        check_text(f"filter '{name}'", value)
    numbers = [a for a in (*args, *kwargs.values()) if _is_int(a)]
    if name in _SIZED_FILTERS and any(abs(n) > limits.MAX_FILTER_SIZE for n in numbers):
        raise WorkLimitError(
            f"filter '{name}' was given {max(numbers, key=abs):,}; "
            f"widths and counts are limited to {limits.MAX_FILTER_SIZE:,}"
        )
    if name == "indent":
        width = args[0] if args else kwargs.get("width", 4)
        prefix = len(width) if isinstance(width, str) else width if _is_int(width) else 0
        check_size("filter 'indent'", _size(value) + (str(value).count("\n") + 1) * prefix)
    elif name == "replace" and isinstance(value, str) and len(args) >= 2:
        old, new = str(args[0]), str(args[1])
        check_size("filter 'replace'", len(value) + (value.count(old) + 1) * len(new))
    elif name == "format" and isinstance(value, str):
        check_format(value)
    elif name == "join":
        return _checked_join(head, value, args, kwargs)
    return value


def _checked_join(
    head: tuple[Any, ...], value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> list[Any]:
    """`join`'s items, listed, once the joined text is known to be within bounds."""
    separator = args[0] if args else kwargs.get("d", "")
    attribute = args[1] if len(args) > 1 else kwargs.get("attribute")
    listed = list(value)
    shown = listed
    if attribute is not None and head:
        getter = make_attrgetter(head[0].environment, attribute)
        shown = [getter(item) for item in listed]
    check_join(shown, separator if isinstance(separator, str) else "")
    return listed


def bounded_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """`function` with its size-multiplying arguments checked first and its result after."""
    # Filters marked pass_context, pass_eval_context or pass_environment take that first.
    passes_first = getattr(function, "jinja_pass_arg", None) is not None

    @functools.wraps(function)
    def checked(*args: Any, **kwargs: Any) -> Any:
        head, value, rest = (
            (args[:1], args[1], args[2:]) if passes_first else ((), args[0], args[1:])
        )
        value = _check_filter_arguments(name, head, value, rest, kwargs)
        result = function(*head, value, *rest, **kwargs)
        check_size(f"filter '{name}'", _size(result))
        return result

    return checked
