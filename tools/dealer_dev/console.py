"""What the tool prints as it goes."""

import sys


def say(message):
    sys.stdout.write(f"==> {message}\n")
    sys.stdout.flush()
