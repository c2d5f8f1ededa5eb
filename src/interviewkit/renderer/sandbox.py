"""The sandbox templates run in: plain data in, a short list of callables, bounded work.

Templates are shared between offices, so a template is treated like code from a
stranger. On top of Jinja's immutable sandbox:

- only template constructs may be called: macros and `caller()`, blocks
  (`super()`), the loop's helpers, `namespace()`, `range()`, and a mapping's
  `items()`, `keys()`, `values()` and `get()`; filters and tests run through
  their own syntax. A method reached any other way is refused.
- every call, attribute lookup, operator and loop step checks the render's
  deadline (`budget`), and operators and joins that multiply a value's size are
  checked before they run (`bounds`).
"""

from __future__ import annotations

import types
from collections.abc import Iterable, Iterator
from typing import Any

from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.runtime import BlockReference, Context, LoopContext, Macro
from jinja2.sandbox import ImmutableSandboxedEnvironment, safe_range
from jinja2.utils import Namespace

from interviewkit import limits
from interviewkit.renderer import bounds
from interviewkit.renderer.budget import RenderBudget

MAPPING_METHODS = frozenset({"items", "keys", "values", "get"})
LOOP_METHODS = frozenset({"cycle", "changed"})
ALLOWED = (
    "macros, caller(), super(), the loop's cycle() and changed(), namespace(), range(), "
    "and a mapping's items(), keys(), values() and get()"
)


def allowed_callable(obj: Any) -> bool:
    """Whether a template may call `obj`: the allow-list, and nothing else."""
    if isinstance(obj, Macro | BlockReference | LoopContext):
        return True
    if obj is Namespace or obj is safe_range:
        return True
    if isinstance(obj, types.BuiltinMethodType):
        return type(obj.__self__) is dict and obj.__name__ in MAPPING_METHODS
    if isinstance(obj, types.MethodType):
        return isinstance(obj.__self__, LoopContext) and obj.__name__ in LOOP_METHODS
    return False


def describe(obj: Any) -> str:
    """What a refused callable is, without printing its value (which may be anything)."""
    owner = getattr(obj, "__self__", None)
    name = getattr(obj, "__name__", None)
    if owner is not None and name and not isinstance(owner, types.ModuleType):
        return f"{type(owner).__name__}.{name}()"
    return f"{name}()" if name else f"a {type(obj).__name__} object"


class CountedLoop:
    """A loop's items, checking the render's deadline at every step."""

    def __init__(self, items: Iterable[Any], budget: RenderBudget):
        self.items = items
        self.budget = budget

    def __iter__(self) -> Iterator[Any]:
        for item in self.items:
            self.budget.check()
            yield item

    def __len__(self) -> int:  # loop.length without walking the items twice
        return len(self.items)  # type: ignore[arg-type]


class BoundedCodeGenerator(CodeGenerator):
    """Jinja's compiler, routing loops and `~` joins through the environment's checks."""

    def visit_Template(self, node: nodes.Template, frame: Frame | None = None) -> None:
        # Every loop walks `environment.counted_loop(items)`: Jinja allows no node
        # types of our own, so the wrapper is an ordinary call the sandbox knows.
        for loop in node.find_all(nodes.For):
            counted = nodes.EnvironmentAttribute("counted_loop", lineno=loop.iter.lineno)
            loop.iter = nodes.Call(counted, [loop.iter], [], None, None, lineno=loop.iter.lineno)
        super().visit_Template(node, frame)

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        # The same choice of join as Jinja's own compiler makes.
        if frame.eval_ctx.volatile:
            join = "(markup_join if context.eval_ctx.volatile else str_join)"
        elif frame.eval_ctx.autoescape:
            join = "markup_join"
        else:
            join = "str_join"
        self.write(f"environment.bounded_concat({join}, (")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


class PlainDataEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox, reading `a.b` on a mapping as its item `b` first.

    Templates receive plain mappings; a key such as `values` or `items` must
    print the data, not reach the mapping's method of the same name.
    """

    code_generator_class = BoundedCodeGenerator
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.budget = RenderBudget()
        self.call_depth = 0

    def getattr(self, obj: Any, attribute: str) -> Any:
        self.budget.check()
        if isinstance(obj, dict) and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        self.budget.check()
        return super().getitem(obj, argument)

    def is_safe_callable(self, obj: Any) -> bool:
        return allowed_callable(obj) and super().is_safe_callable(obj)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        __self.budget.check()
        if getattr(__obj, "__func__", None) is PlainDataEnvironment.counted_loop:
            return __obj(*args)
        if not __self.is_safe_callable(__obj):
            raise SecurityError(
                f"calling {describe(__obj)} is not allowed in a template; templates may call "
                f"only {ALLOWED}"
            )
        if __self.call_depth >= limits.MAX_CALL_DEPTH:
            raise bounds.WorkLimitError(
                f"macros call each other more than {limits.MAX_CALL_DEPTH} levels deep "
                "(a macro that calls itself?)"
            )
        __self.call_depth += 1
        try:
            return __context.call(__obj, *args, **kwargs)
        finally:
            __self.call_depth -= 1

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        self.budget.check()
        bounds.check_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def counted_loop(self, items: Iterable[Any]) -> CountedLoop:
        return CountedLoop(items, self.budget)

    def bounded_concat(self, join: Any, parts: Iterable[Any]) -> str:
        self.budget.check()
        return bounds.bounded_concat(join, parts)

    def concat(self, parts: Iterable[str]) -> str:
        """A block's, macro's or filter block's captured output, joined within bounds."""
        self.budget.check()
        return "".join(bounds.check_output(list(parts)))
