"""Domain errors raised by services; controllers map them to HTTP status codes."""


class ServiceError(Exception):
    """A request that breaks a business rule; the message is safe to show to clients."""


class NotFoundError(ServiceError):
    """The requested item does not exist."""


class ConflictError(ServiceError):
    """The change clashes with existing data, such as a duplicate unique value."""
