from odoo import http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request
from odoo.tools import float_compare, float_round

from odoo.addons.jiancai_base.engine.numbers import NumberError, parse_finite, parse_id

# more than anyone counts on one shelf: a typo or a crafted request
MAX_COUNT = 10_000_000


class JiancaiLotController(http.Controller):
    """Phone stock-taking: scan a lot's QR code (or type its name), enter what is counted."""

    def _count_page(self, lot=None, error=None, saved=None, status=200, search=""):
        quants = request.env["stock.quant"]
        if lot:
            quants = quants.search(
                [("lot_id", "=", lot.id), ("location_id.usage", "=", "internal")],
                order="location_id",
            )
        values = {
            "lot": lot,
            "quants": quants,
            "locations": request.env["stock.location"].search(
                [("usage", "=", "internal")], order="complete_name"
            ),
            "error": error,
            "saved": saved,
            "search": search,
        }
        return request.render("jiancai_lot.lot_count_page", values, status=status)

    def _check_user(self):
        if not request.env.user.has_group("stock.group_stock_user"):
            return self._count_page(
                error=request.env._("Only warehouse staff can count stock."), status=403
            )
        return None

    def _find_lot(self, lot=None):
        Lot = request.env["stock.lot"]
        text = (lot or "").strip()
        if not text:
            return Lot
        lot_id = parse_id(text)
        if lot_id:
            found = Lot.browse(lot_id).exists()
            if found:
                return found
        return Lot.search([("name", "=", text)], limit=1)

    @http.route("/jc/lot/count", type="http", auth="user", methods=["GET"], sitemap=False)
    def count_form(self, lot=None, **kwargs):
        refused = self._check_user()
        if refused:
            return refused
        found = self._find_lot(lot)
        if lot and not found:
            return self._count_page(
                error=request.env._("No lot %s: check the label and try again.", lot),
                status=404,
                search=lot,
            )
        return self._count_page(lot=found or None, search=lot or "")

    @http.route("/jc/lot/count", type="http", auth="user", methods=["POST"], sitemap=False)
    def count_submit(self, lot=None, location_id=None, counted=None, **kwargs):
        refused = self._check_user()
        if refused:
            return refused
        found = self._find_lot(lot)
        if not found:
            return self._count_page(
                error=request.env._("No lot %s: check the label and try again.", lot or ""),
                status=404,
                search=lot or "",
            )
        location = request.env["stock.location"]
        if parse_id(location_id):
            location = location.browse(parse_id(location_id)).exists()
        if not location or location.usage != "internal":
            return self._count_page(
                lot=found, error=request.env._("Choose the location you counted."), status=400
            )
        qty, error = self._parse_count(found.product_id, counted)
        if error:
            return self._count_page(lot=found, error=error, status=400)
        try:
            with request.env.cr.savepoint():
                quant = self._set_count(found, location, qty)
        except (UserError, ValidationError, AccessError) as exc:
            return self._count_page(lot=found, error=str(exc.args[0]), status=400)
        return self._count_page(lot=found, saved=quant)

    def _parse_count(self, product, counted):
        """(quantity, None), or (None, the message) for what cannot be a count.

        Finite, 0 to MAX_COUNT, and a whole number of the product's unit rounding (a
        tile counted in units is not 2.5).
        """
        try:
            qty = parse_finite(counted, 0, MAX_COUNT)
        except NumberError:
            return None, request.env._(
                "Enter the counted quantity as a number from 0 to %(max)s.", max=f"{MAX_COUNT:,}"
            )
        uom = product.uom_id
        rounded = float_round(qty, precision_rounding=uom.rounding)
        if float_compare(qty, rounded, precision_rounding=uom.rounding / 1000):
            return None, request.env._(
                "%(product)s is counted in %(uom)s, in steps of %(step)s: %(qty)s does not fit.",
                product=product.display_name,
                uom=uom.name,
                step="%g" % uom.rounding,
                qty="%g" % qty,
            )
        return rounded, None

    def _set_count(self, lot, location, qty):
        """An inventory adjustment line (counted quantity on the quant), to apply later."""
        Quant = request.env["stock.quant"].with_context(inventory_mode=True)
        quant = Quant.search([("lot_id", "=", lot.id), ("location_id", "=", location.id)], limit=1)
        if not quant:
            quant = Quant.create(
                {"product_id": lot.product_id.id, "lot_id": lot.id, "location_id": location.id}
            )
        quant.inventory_quantity = qty
        return quant
