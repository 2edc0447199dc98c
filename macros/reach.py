"""Reach model: a simplified picture of how TikTok distributes a video, as the article describes.

Not TikTok's algorithm. A video first reaches a small test audience (plus some followers);
each further wave is unlocked only when completion and interaction rates pass its thresholds,
and each wave is a multiple of the previous one, up to a cap. `docs/assets/js/reach.js`
implements the same arithmetic in the same order; a test keeps the two identical.
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import Figure, ReachModel


@dataclass(frozen=True)
class Inputs:
    followers: float
    completion: float
    like: float
    comment: float
    share: float
    save: float


@dataclass(frozen=True)
class Result:
    waves: tuple[float, ...]
    total: float
    interaction_rate: float
    likes: float
    comments: float
    shares: float
    saves: float


def interaction_rate(model: ReachModel, inputs: Inputs) -> float:
    """Weighted interactions per view: comments, shares and saves count more than likes."""
    weights = model.weights
    return (
        weights.like * inputs.like
        + weights.comment * inputs.comment
        + weights.share * inputs.share
        + weights.save * inputs.save
    )


def simulate(model: ReachModel, inputs: Inputs) -> Result:
    """Views per wave, total views and expected interactions for one video."""
    rate = interaction_rate(model, inputs)
    cap = model.max_wave_views.value
    first = model.initial_audience.value + model.follower_share.value * inputs.followers
    waves = [min(first, cap)]
    for wave in model.waves:
        if inputs.completion < wave.completion_min or rate < wave.interaction_min:
            break
        waves.append(min(waves[-1] * model.growth_factor.value, cap))
    total = 0.0
    for views in waves:  # plain left-to-right sum, exactly as in reach.js
        total += views
    return Result(
        waves=tuple(waves),
        total=total,
        interaction_rate=rate,
        likes=total * inputs.like,
        comments=total * inputs.comment,
        shares=total * inputs.share,
        saves=total * inputs.save,
    )


@dataclass(frozen=True)
class Snapshot:
    """The article's test video at one date, with its engagement rates and the model's answer."""

    as_of: str
    views: float
    like_rate: float
    comment_rate: float
    save_rate: float
    modelled: Result

    @property
    def deviation(self) -> float:
        return self.modelled.total / self.views - 1


def calibrate(model: ReachModel, facts: dict[str, Figure]) -> list[Snapshot]:
    """Rates of the test video computed from the data, and the model run with them."""
    settings = model.calibration
    followers = facts[settings.followers_fact].value
    snapshots = []
    for prefix in settings.snapshots:
        views = facts[f"{prefix}_views"]
        if views.value <= 0:  # data.py reports this at load time; never divide by it here
            raise ValueError(f"{prefix}_views ist 0: daraus lässt sich keine Rate berechnen")
        rates = {kind: facts[f"{prefix}_{kind}s"].value / views.value for kind in ("like", "comment", "save")}
        inputs = Inputs(followers, settings.assumed_completion, rates["like"], rates["comment"],
                        settings.share_rate, rates["save"])
        snapshots.append(Snapshot(views.as_of, views.value, rates["like"], rates["comment"],
                                  rates["save"], simulate(model, inputs)))
    return snapshots


def scenario_inputs(model: ReachModel) -> list[tuple[str, float, Inputs]]:
    """The scenario grid: every follower count × every content quality."""
    return [
        (scenario.label, followers,
         Inputs(followers, scenario.completion, scenario.like, scenario.comment, scenario.share,
                scenario.save))
        for followers in model.scenario_followers
        for scenario in model.scenarios
    ]


def browser_parameters(model: ReachModel) -> dict[str, object]:
    """What reach.js needs, written into the page at build time from the same YAML."""
    return {
        "initial_audience": model.initial_audience.value,
        "follower_share": model.follower_share.value,
        "growth_factor": model.growth_factor.value,
        "max_wave_views": model.max_wave_views.value,
        "weights": model.weights.model_dump(),
        "waves": [wave.model_dump() for wave in model.waves],
    }
