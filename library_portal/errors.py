"""The domain error every service raises when a rule says no."""


class DomainError(Exception):
    """A rule of the library refused an action.

    `message` is translated (a lazy string) so that pages, the admin and the API show it in
    the user's language; `code` is stable for API clients; `field` names the input at fault.
    """

    def __init__(self, message, *, code: str = "invalid", field: str | None = None, status: int = 400):
        super().__init__(str(message))
        self.message = message
        self.code = code
        self.field = field
        self.status = status
