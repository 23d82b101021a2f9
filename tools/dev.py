"""Entry point of the Makefile: `python3 tools/dev.py {run,test,test-addon,lint}`.

This file keeps to the syntax of old Pythons on purpose: a Python that is too
old gets one clear line (or is swapped for a supported one found on PATH)
instead of a SyntaxError from the tool itself.
"""

import os
import subprocess
import sys

SUPPORTED = ((3, 10), (3, 13))


def find_supported_python():
    """Return the path of a supported python3.X on PATH, newest first."""
    for minor in range(SUPPORTED[1][1], SUPPORTED[0][1] - 1, -1):
        name = "python3.%d" % minor
        for folder in os.environ.get("PATH", "").split(os.pathsep):
            candidate = os.path.join(folder, name)
            if not os.access(candidate, os.X_OK):
                continue
            probe = subprocess.call(
                [candidate, "-c", "import venv"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            if probe == 0:
                return candidate
    return None


if __name__ == "__main__":
    if not SUPPORTED[0] <= sys.version_info[:2] <= SUPPORTED[1]:
        other = find_supported_python()
        if not other:
            sys.stderr.write(
                "error: the dealer suite needs Python 3.10 to 3.13, and %s is "
                "Python %d.%d; install one of those (e.g. apt install python3.11) "
                "and re-run, or name it: make test PYTHON=python3.12\n"
                % (sys.executable, sys.version_info[0], sys.version_info[1])
            )
            sys.exit(2)
        os.execv(other, [other] + sys.argv)
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from dealer_dev.__main__ import main

    sys.exit(main(sys.argv[1:]))
