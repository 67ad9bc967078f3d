"""Demo records (being written)."""


def populate(ledger, size, counts, rng) -> None:
    return None
