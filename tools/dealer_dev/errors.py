"""Errors a user can fix: printed as one line, with an exit code per kind."""


class UserFacingError(Exception):
    """Stops the tool with `error: <message>` and the given exit code."""

    exit_code = 6

    def __init__(self, message, exit_code=None):
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code


class OdooNotFound(UserFacingError):
    exit_code = 3


class PostgresUnreachable(UserFacingError):
    exit_code = 4


class PortBusy(UserFacingError):
    exit_code = 5
