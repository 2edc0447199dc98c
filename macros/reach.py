"""Reach model: a simplified picture of how TikTok distributes a video, as the article describes.

Not TikTok's algorithm. A video first reaches a small test audience (plus some followers);
each further wave is unlocked only when completion and interaction rates pass its thresholds,
and each wave is a multiple of the previous one, up to a cap. `docs/assets/js/reach.js`
implements the same arithmetic in the same order; a test keeps the two identical.
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import ReachModel


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
