"""FieldLedger (执法台账): start the GUI, or run a headless subcommand (``--help`` lists them)."""
from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from models.cli import parse_args, run

    args = parse_args(argv)
    if args.command in (None, "gui"):
        from ui.app import run_gui
        return run_gui(args)
    if args.command == "smoke-test":
        from ui.smoke import run_smoke_test
        return run_smoke_test(args)
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
