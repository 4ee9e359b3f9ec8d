"""A running promotion ended by an administrator (ADM-1): it stops applying to new orders
from now on; orders that already took it keep it (PRC-2) and its coupon code is free to reuse
(PRC-8)."""

from __future__ import annotations

from ...errors import NotFoundError, StateError
from ...models import Promotion
from .. import audit
from .. import validation as v
from ..authority import Authority
from ..context import Service
from ..uow import UnitOfWork
from ..views import PromotionView


class CatalogPromotions(Service):
    def end_promotion(self, promotion_id: int) -> PromotionView:
        """End the promotion now; recorded (AUD-1)."""
        self.ctx.require(Authority.MANAGE_CATALOG, "Ending a promotion")
        key = v.identifier(promotion_id, "Promotion")

        def work(uow: UnitOfWork) -> PromotionView:
            promotion = uow.session.get(Promotion, key)
            if promotion is None:
                raise NotFoundError(f"There is no promotion with id {key}.")
            if promotion.ends is not None and promotion.ends <= uow.now:
                raise StateError(f"The promotion '{promotion.name}' ended on {promotion.ends:%Y-%m-%d} "
                                 "already.")
            before = audit.snapshot_of("promotion", promotion)
            promotion.ends = uow.now
            if promotion.starts is not None and promotion.starts > uow.now:
                promotion.starts = uow.now  # one that had not begun never runs
            audit.changed(uow, self.ctx.username, "promotion", promotion, before)
            view = PromotionView.model_validate(promotion)
            uow.commit()
            return view

        return self.ctx.write(work)
