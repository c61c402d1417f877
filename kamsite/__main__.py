"""`python -m kamsite`: the same as the `kamsite` command."""

from kamsite.shell.cli import main

raise SystemExit(main())
