"""What the case file needs from random inspections (disputes.registry), registered from SamplingConfig.ready():
a drawn inspection's case that ends gives the draw its result."""

from disputes import registry

from .cases import record_case_result


def register() -> None:
    registry.add_case_ended_hook("sampling", record_case_result)
