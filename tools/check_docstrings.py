"""Check the NumPy docstrings of the public API with numpydoc's validation.

Usage::

    python tools/check_docstrings.py [--strict] [--list] [NAME ...]

Validates, with :func:`numpydoc.validate.validate`, every name in ``helpers.__all__`` that is a
function or a class, every other function or class defined at module level in the package under a
public name (no leading underscore), and the public methods and properties such a class defines
itself (inherited ones are checked where they are defined). Without ``NAME``
arguments every such object is checked; with them only those (``kww``, ``IOModel.solve``).

The checks (numpydoc codes) are those of :data:`CHECKS`: a docstring exists (GL08), sections are
known and in order (GL06, GL07), the summary exists, starts with a capital, ends with a period and
fits on one line (SS01-SS04, SS06), every parameter is documented with a type and a description and
no unknown one is (PR01-PR04, PR06, PR07, PR10; constructor fields starting with ``_`` are
private), a function that returns something has a Returns section whose entries have a
description (RT01-RT03), a generator has Yields (YD01). One more check of our own, ``RS01``: a
function whose body contains a ``raise`` statement has a Raises section.
See Also and Examples sections are not required.

Every failure is printed as ``name: CODE message``. The exit status is 1 if any object fails,
except that objects listed in :data:`PENDING` (modules being rewritten by an open issue, whose
owners write their docstrings there) are reported but do not fail the run unless ``--strict`` is
given. ``tests/project/test_docstrings.py`` runs the same checks on every name, one test each.
"""

from __future__ import annotations

import argparse
import ast
import importlib
import inspect
import pkgutil
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from numpydoc.validate import validate  # noqa: E402

CHECKS = (
    "GL06", "GL07", "GL08",
    "SS01", "SS02", "SS03", "SS04", "SS06",
    "PR01", "PR02", "PR03", "PR04", "PR06", "PR07", "PR10",
    "RT01", "RT02", "RT03",
    "YD01",
    "RS01",
)  # fmt: skip

# Modules being redesigned by other open issues when this check was introduced (issue 7); their
# owners write full docstrings there. Names defined in them are checked and reported, and fail the
# run only with --strict; the test marks them as expected failures until they pass.
PENDING = {
}


def _defined_methods(cls: type) -> Iterator[str]:
    """Yield the public methods and properties a class defines itself (not inherited ones)."""
    for attr, value in vars(cls).items():
        if attr.startswith("_"):
            continue
        if isinstance(value, (staticmethod, classmethod)):
            value = value.__func__
        if inspect.isfunction(value) or isinstance(value, property):
            yield attr


def public_objects() -> list[str]:
    """Return the dotted names of every public function, class and class member to check.

    Public means: named in ``helpers.__all__``, or defined at module level in a module of the package
    under a name without a leading underscore (e.g. ``helpers.data.indicators.read_wgi``).

    Returns
    -------
    list of str
        Fully qualified names (``helpers.gvc.decomposition.kww``,
        ``helpers.gvc.model.IOModel.solve``): those of ``helpers.__all__`` in its order, then the
        other module-level ones by module.
    """
    import helpers

    objs = [getattr(helpers, name) for name in helpers.__all__]
    for info in pkgutil.walk_packages(helpers.__path__, "helpers."):
        mod = importlib.import_module(info.name)
        objs += [v for k, v in vars(mod).items()
                 if not k.startswith("_") and getattr(v, "__module__", None) == mod.__name__]
    out = []
    for obj in objs:
        if not (inspect.isfunction(obj) or inspect.isclass(obj)):
            continue
        qual = f"{obj.__module__}.{obj.__qualname__}"
        out.append(qual)
        if inspect.isclass(obj) and obj.__module__.startswith("helpers."):
            out += [f"{qual}.{attr}" for attr in _defined_methods(obj)]
    return list(dict.fromkeys(out))


def _load(qualname: str):
    """Import the object of a dotted name (module path, then attributes)."""
    parts = qualname.split(".")
    for k in range(len(parts) - 1, 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:k]))
        except ImportError:
            continue
        for p in parts[k:]:
            obj = inspect.getattr_static(obj, p) if inspect.isclass(obj) else getattr(obj, p)
        return obj
    raise ImportError(qualname)


def _raises_directly(obj) -> bool:
    """Whether the function's own body (not nested functions) contains a ``raise`` statement."""
    if isinstance(obj, (staticmethod, classmethod)):
        obj = obj.__func__
    if isinstance(obj, property):
        obj = obj.fget
    if not inspect.isfunction(obj):
        return False
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(obj)))
    except (OSError, TypeError, SyntaxError):
        return False
    fn = tree.body[0]

    def visit(node) -> bool:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
                continue
            if isinstance(child, ast.Raise) and child.exc is not None:
                return True
            if visit(child):
                return True
        return False

    return visit(fn)


def check(qualname: str) -> list[tuple[str, str]]:
    """Validate one object's docstring.

    Parameters
    ----------
    qualname : str
        Fully qualified dotted name, e.g. ``"helpers.gvc.decomposition.kww"``.

    Returns
    -------
    list of (str, str)
        The failed checks of :data:`CHECKS` as ``(code, message)``; empty if the docstring passes.
    """
    res = validate(qualname)
    errs = []
    for code, msg in res["errors"]:
        if code == "PR01":  # private constructor fields (``_memo``) need no documentation
            missing = sorted(p for p in ast.literal_eval(msg.split("Parameters ", 1)[1].rsplit(" not", 1)[0])
                             if not p.startswith("_"))
            if not missing:
                continue
            msg = f"Parameters {missing} not documented"
        if code in CHECKS:
            errs.append((code, msg))
    obj = _load(qualname)
    if res["docstring"] and _raises_directly(obj) and "Raises\n------" not in inspect.cleandoc(res["docstring"]):
        errs.append(("RS01", "The body raises an exception but the docstring has no Raises section"))
    return errs


def pending_reason(qualname: str) -> str | None:
    """Return why a name's failures are tolerated for now (its module is in :data:`PENDING`), else None.

    Parameters
    ----------
    qualname : str
        Fully qualified dotted name.

    Returns
    -------
    str or None
        The open issue that owns the module, or None.
    """
    for mod, why in PENDING.items():
        if qualname == mod or qualname.startswith(mod + "."):
            return why
    return None


def main(argv: list[str] | None = None) -> int:
    """Run the checks, print every failure and return the exit status.

    Parameters
    ----------
    argv : list of str, optional
        Command-line arguments (default ``sys.argv[1:]``).

    Returns
    -------
    int
        0 if every checked object passes (pending ones excepted unless ``--strict``), else 1.
    """
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("names", nargs="*", help="check only these (e.g. kww, IOModel.solve)")
    ap.add_argument("--strict", action="store_true", help="pending modules fail the run too")
    ap.add_argument("--list", action="store_true", help="list the objects checked and exit")
    args = ap.parse_args(argv)
    objs = public_objects()
    if args.names:
        want = set(args.names)
        objs = [q for q in objs if q in want or q.split(".", 2)[-1] in want
                or any(q.endswith("." + w) for w in want)]
    if args.list:
        print("\n".join(objs))
        return 0
    failed, pending = 0, 0
    for q in objs:
        errs = check(q)
        if not errs:
            continue
        why = pending_reason(q)
        tag = f" [pending: {why}]" if why else ""
        for code, msg in errs:
            print(f"{q}: {code} {msg}{tag}")
        if why and not args.strict:
            pending += 1
        else:
            failed += 1
    print(f"[docstrings] {len(objs)} objects checked: {failed} failing, {pending} pending in modules of open issues")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
