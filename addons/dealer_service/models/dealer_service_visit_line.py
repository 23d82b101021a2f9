from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import float_compare

from .dealer_service_visit import OPEN_STATES

PAY_TYPES = [
    ("customer", "Customer"),
    ("warranty", "Warranty"),
    ("internal", "Internal"),
    ("goodwill", "Goodwill"),
]
BILLABLE = ("customer", "warranty")
# The same job on the same car within this time or mileage of a completed visit is a comeback (返工).
COMEBACK_DAYS = 30
COMEBACK_KM = 1000
PRICE_FIELDS = frozenset(("price_unit", "discount", "pay_type"))


class DealerServiceVisitLine(models.Model):
    """A job (labour operation) or a part of a repair order, and who pays for it."""

    _name = "dealer.service.visit.line"
    _description = "Service Visit Line"
    _order = "visit_id, sequence, id"

    visit_id = fields.Many2one("dealer.service.visit", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(related="visit_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="visit_id.currency_id")
    state = fields.Selection(related="visit_id.state")
    line_type = fields.Selection(
        [("labour", "Labour"), ("part", "Part")],
        string="Type",
        required=True,
        index=True,
        compute="_compute_line_type",
        store=True,
        readonly=False,
        precompute=True,
    )
    pay_type = fields.Selection(PAY_TYPES, string="Paid By", required=True, default="customer", index=True)
    product_id = fields.Many2one(
        "product.product",
        string="Operation / Part",
        required=True,
        index=True,
        domain="['|', ('type', '=', 'service'), ('is_storable', '=', True)]",
        check_company=True,
    )
    name = fields.Char("Description", compute="_compute_name", store=True, readonly=False, precompute=True)
    quantity = fields.Float(
        digits="Product Unit",
        compute="_compute_quantity",
        store=True,
        readonly=False,
        precompute=True,
        help="Standard hours of a job, units of a part.",
    )
    product_uom_id = fields.Many2one(related="product_id.uom_id")
    price_unit = fields.Float(
        "Unit Price", digits="Product Price", compute="_compute_price_unit", store=True, readonly=False, precompute=True
    )
    discount = fields.Float(
        "Discount (%)",
        digits="Discount",
        compute="_compute_discount",
        store=True,
        readonly=False,
        precompute=True,
        help="Set from the customer's value grade on customer-pay lines; negative for a surcharge.",
    )
    price_subtotal = fields.Monetary("Amount", compute="_compute_price_subtotal", store=True)
    billable = fields.Boolean(compute="_compute_price_subtotal", store=True)
    revenue = fields.Monetary(
        compute="_compute_price_subtotal", store=True, help="What the store bills: customer and warranty lines."
    )
    cost_amount = fields.Monetary("Cost", compute="_compute_cost_amount", store=True)

    # workshop
    technician_ids = fields.Many2many(
        "res.users",
        string="Technicians",
        domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
    )
    work_log_ids = fields.One2many("dealer.service.work.log", "line_id", string="Work Logs")
    hours_worked = fields.Float(compute="_compute_hours_worked", store=True)

    # parts
    move_ids = fields.One2many("stock.move", "dealer_visit_line_id", readonly=True)
    availability = fields.Selection(
        [
            ("available", "Reserved"),
            ("partial", "Partly in stock"),
            ("missing", "Not in stock"),
            ("consumed", "Consumed"),
        ],
        compute="_compute_availability",
        compute_sudo=True,
        help="Whether the part is set aside in the parts warehouse.",
    )

    # invoicing
    invoice_line_ids = fields.One2many(
        "account.move.line", "dealer_visit_line_id", string="Invoice Lines", readonly=True
    )
    qty_invoiced = fields.Float("Invoiced Quantity", compute="_compute_qty_invoiced", store=True, digits="Product Unit")
    qty_to_invoice = fields.Float(compute="_compute_qty_invoiced", store=True, digits="Product Unit")

    campaign_id = fields.Many2one(
        "dealer.service.campaign",
        readonly=True,
        index="btree_not_null",
        help="Recall or service campaign work: the carmaker pays it whatever the car's warranty.",
    )

    # comebacks: the same job again, soon after
    comeback_of_id = fields.Many2one(
        "dealer.service.visit.line",
        string="Comeback of",
        compute="_compute_comeback_of_id",
        store=True,
        index="btree_not_null",
        help="The job of a completed visit this one repeats, within 30 days or 1,000 km.",
    )
    comeback_ids = fields.One2many("dealer.service.visit.line", "comeback_of_id", string="Comebacks")
    comeback_rate = fields.Float(
        "Came Back (%)",
        compute="_compute_comeback_rate",
        store=True,
        aggregator="avg",
        help="100 for a job the car came back for, 0 otherwise: its average is the comeback rate.",
    )
    comeback_advisor_id = fields.Many2one(
        related="comeback_of_id.advisor_id", store=True, string="Advisor of the First Job", index="btree_not_null"
    )

    # what managers group by, stored with the line
    date = fields.Date(
        compute="_compute_date", store=True, index=True, help="Day the visit was completed (or received)."
    )
    advisor_id = fields.Many2one(related="visit_id.advisor_id", store=True, index=True, string="Service Advisor")
    visit_type = fields.Selection(related="visit_id.visit_type", store=True, index=True)
    partner_id = fields.Many2one(related="visit_id.partner_id", store=True, index=True, string="Customer")
    vehicle_id = fields.Many2one(related="visit_id.vehicle_id", store=True, index=True, string="Vehicle")
    is_accessory = fields.Boolean(
        "Accessory", related="product_id.categ_id.dealer_is_accessory", store=True, index=True
    )

    def init(self):
        # Managers pivot revenue by store and month. Tell PostgreSQL how few such
        # groups exist, or it sorts millions of lines to disk instead of hashing
        # them (expression statistics exist from PostgreSQL 14 on).
        if self.env.cr._cnx.server_version >= 140000:
            self.env.cr.execute(
                """CREATE STATISTICS IF NOT EXISTS dealer_service_visit_line_month_stats (ndistinct)
                   ON company_id, (date_trunc('month', date::timestamp)::date) FROM dealer_service_visit_line"""
            )

    @api.depends("product_id")
    def _compute_line_type(self):
        for line in self:
            line.line_type = "part" if line.product_id.is_storable else "labour"

    @api.depends("product_id")
    def _compute_name(self):
        for line in self:
            line.name = line.product_id.display_name

    @api.depends("product_id", "line_type")
    def _compute_quantity(self):
        for line in self:
            if line.line_type == "labour" and line.product_id.dealer_standard_hours:
                line.quantity = line.product_id.dealer_standard_hours
            elif not line.quantity:
                line.quantity = 1.0

    @api.depends("product_id", "line_type", "pay_type", "visit_id.company_id")
    def _compute_price_unit(self):
        for line in self:
            company = line.visit_id.company_id or self.env.company
            product = line.product_id.with_company(company)
            warranty = line.pay_type == "warranty"
            if not product:
                line.price_unit = 0.0
            elif line.line_type == "labour" and product.dealer_standard_hours:
                line.price_unit = company.dealer_warranty_labour_rate if warranty else company.dealer_labour_rate
            elif warranty:
                line.price_unit = product.dealer_warranty_price or product.standard_price
            else:
                line.price_unit = product.lst_price

    @api.depends("pay_type", "product_id", "visit_id.partner_id")
    def _compute_discount(self):
        for line in self:
            line.discount = line._dealer_discount()

    def _dealer_discount(self):
        """Discount of a line as the store's policies set it (extended by dealer_loyalty's tier benefits)."""
        self.ensure_one()
        customer = self.visit_id.partner_id.commercial_partner_id
        if self.pay_type != "customer" or not customer.dealer_value_grade:
            return 0.0
        return self.env["dealer.grade.policy"]._for(customer.dealer_value_grade, self.visit_id.company_id).discount

    @api.depends(
        "product_id",
        "line_type",
        "visit_id.vehicle_id",
        "visit_id.odometer",
        "visit_id.date_checkin",
        "visit_id.date_planned",
    )
    def _compute_comeback_of_id(self):
        for line in self:
            line.comeback_of_id = line._dealer_find_comeback_origin()

    def _dealer_find_comeback_origin(self):
        """The same labour operation on the same car, in a visit completed within the comeback window."""
        self.ensure_one()
        visit = self.visit_id
        if self.line_type != "labour" or not self.product_id or not visit.vehicle_id:
            return self.browse()
        moment = visit.date_checkin or visit.date_planned or self.env["res.company"]._dealer_now()
        # in days, as the customer counts them: done on 1 March, back on 31 March is within 30 days
        window = Domain("date", ">=", self.env["res.company"]._dealer_today(moment) - timedelta(days=COMEBACK_DAYS))
        if visit.odometer:
            window |= Domain("visit_id.odometer", ">=", visit.odometer - COMEBACK_KM)
        return self.search(
            Domain("vehicle_id", "=", visit.vehicle_id.id)
            & Domain("product_id", "=", self.product_id.id)
            & Domain("visit_id", "!=", visit._origin.id)
            & Domain("visit_id.state", "in", ("done", "invoiced"))
            & Domain("visit_id.date_done", "<=", moment)
            & window,
            order="date desc, id desc",
            limit=1,
        )

    @api.depends("comeback_ids")
    def _compute_comeback_rate(self):
        for line in self:
            line.comeback_rate = 100.0 if line.comeback_ids else 0.0

    @api.depends("quantity", "price_unit", "discount", "pay_type")
    def _compute_price_subtotal(self):
        for line in self:
            line.price_subtotal = line.quantity * line.price_unit * (1 - (line.discount or 0.0) / 100)
            line.billable = line.pay_type in BILLABLE
            line.revenue = line.price_subtotal if line.billable else 0.0

    @api.depends("quantity", "product_id", "line_type", "visit_id.company_id")
    def _compute_cost_amount(self):
        for line in self:
            company = line.visit_id.company_id or self.env.company
            if line.line_type == "labour":
                hours = line.quantity if line.product_id.dealer_standard_hours else 0.0
                line.cost_amount = hours * company.dealer_labour_cost_rate
            else:
                line.cost_amount = line.quantity * line.product_id.with_company(company).standard_price

    @api.depends("work_log_ids.hours")
    def _compute_hours_worked(self):
        for line in self:
            line.hours_worked = sum(line.work_log_ids.mapped("hours"))

    @api.depends("move_ids.state", "move_ids.quantity", "quantity")
    def _compute_availability(self):
        for line in self:
            moves = line.move_ids.filtered(lambda move: move.state != "cancel")
            reserved = sum(moves.mapped("quantity"))
            rounding = line.product_uom_id.rounding or 0.01
            if line.line_type != "part" or not moves:
                line.availability = False
            elif all(move.state == "done" for move in moves):
                line.availability = "consumed"
            elif float_compare(reserved, line.quantity, precision_rounding=rounding) >= 0:
                line.availability = "available"
            elif reserved:
                line.availability = "partial"
            else:
                line.availability = "missing"

    @api.depends(
        "quantity",
        "pay_type",
        "invoice_line_ids.quantity",
        "invoice_line_ids.move_id.state",
        "invoice_line_ids.move_id.move_type",
    )
    def _compute_qty_invoiced(self):
        for line in self:
            invoiced = 0.0
            for invoice_line in line.invoice_line_ids:
                move = invoice_line.move_id
                if move.state != "cancel":
                    invoiced += -invoice_line.quantity if move.move_type == "out_refund" else invoice_line.quantity
            line.qty_invoiced = invoiced
            line.qty_to_invoice = line.quantity - invoiced if line.pay_type in BILLABLE else 0.0

    @api.depends("visit_id.date_done", "visit_id.date_checkin", "visit_id.date_planned")
    def _compute_date(self):
        for line in self:
            visit = line.visit_id
            moment = visit.date_done or visit.date_checkin or visit.date_planned
            line.date = moment and self.env["res.company"]._dealer_today(moment)

    @api.constrains("quantity", "price_unit", "discount")
    def _check_amounts(self):
        for line in self:
            if line.quantity <= 0:
                raise ValidationError(
                    self.env._(
                        "Quantity of %(line)s on %(visit)s is %(quantity)s: enter a positive quantity, or remove "
                        "the line.",
                        line=line.name,
                        visit=line.visit_id.name,
                        quantity=line.quantity,
                    )
                )
            if line.price_unit < 0:
                raise ValidationError(
                    self.env._(
                        "Unit price of %(line)s on %(visit)s is negative: enter the price, and give a discount "
                        "or choose Goodwill to charge less.",
                        line=line.name,
                        visit=line.visit_id.name,
                    )
                )
            if not -100 < line.discount <= 100:
                raise ValidationError(
                    self.env._("Discount of %(line)s must lie between -100%% (a surcharge) and 100%%.", line=line.name)
                )

    @api.constrains("line_type", "product_id")
    def _check_product_kind(self):
        for line in self:
            if line.line_type == "labour" and line.product_id.type != "service":
                raise ValidationError(
                    self.env._(
                        "%(product)s is not a labour operation: add it as a part.", product=line.product_id.display_name
                    )
                )
            if line.line_type == "part" and not line.product_id.is_storable:
                raise ValidationError(
                    self.env._(
                        "%(product)s is not a stocked part: parts come from the parts warehouse, so track the "
                        "product's inventory first.",
                        product=line.product_id.display_name,
                    )
                )

    @api.constrains("pay_type", "visit_id")
    def _check_warranty_cover(self):
        for line in self.filtered(lambda line: line.pay_type == "warranty" and not line.campaign_id):
            # sudo reads the car's warranty terms whoever changes the line (a technician too); only the refusal,
            # naming the car of the visit the user is working on, leaves
            visit = line.visit_id.sudo()
            if visit.vehicle_id.dealer_warranty_state in ("three_guarantees", "warranty"):
                continue
            if visit.warranty_override_reason:
                continue
            raise ValidationError(
                self.env._(
                    "%(vehicle)s is out of warranty (%(detail)s), so %(line)s cannot be paid by the carmaker: "
                    "charge the customer, or ask a store manager to record a warranty override with its reason.",
                    vehicle=visit.vehicle_id.display_name,
                    detail=visit.vehicle_id._dealer_warranty_summary(),
                    line=line.name,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._dealer_check_editable()
        lines._dealer_sync_part_moves()
        return lines

    def write(self, vals):
        advisor = self.env.su or self.env.user.has_group("dealer_service.group_dealer_service_advisor")
        if PRICE_FIELDS & set(vals) and not advisor:
            raise AccessError(
                self.env._("Only service advisors set prices, discounts and who pays: ask the advisor of the visit.")
            )
        self._dealer_check_editable()
        result = super().write(vals)
        if {"quantity", "product_id", "line_type"} & set(vals):
            self._dealer_sync_part_moves()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed(self):
        self._dealer_check_editable()

    def unlink(self):
        # the part moves are the workshop's, not the advisor's (no inventory rights); cancelling them first is
        # undone with the transaction when super() refuses the user the deletion
        self.sudo().move_ids._action_cancel()
        return super().unlink()

    def _dealer_check_editable(self):
        closed = self.visit_id.filtered(lambda visit: visit.state not in OPEN_STATES)
        if closed:
            raise UserError(
                self.env._(
                    "%(visits)s is closed: its jobs and parts can no longer change.",
                    visits=", ".join(closed.mapped("name")),
                )
            )

    def _dealer_sync_part_moves(self):
        """Keep one stock move per part line: reserved while the visit is open.

        Advisors work the parts through their repair orders without inventory
        rights, so the moves are handled here as superuser, in the visit's store.
        """
        to_create = self.env["dealer.service.visit.line"]
        to_cancel = self.env["stock.move"]
        resized = self.env["stock.move"]
        # sudo on the lines the user just wrote: the moves follow their part and quantity, nothing else
        for line in self.sudo():
            moves = line.move_ids.filtered(lambda move: move.state not in ("done", "cancel"))
            if line.line_type != "part":
                to_cancel |= moves
                continue
            stale = moves.filtered(lambda move, product=line.product_id: move.product_id != product)
            to_cancel |= stale
            moves -= stale
            if not moves:
                to_create |= line
            elif float_compare(moves.product_uom_qty, line.quantity, precision_rounding=line.product_uom_id.rounding):
                moves._do_unreserve()
                moves.product_uom_qty = line.quantity
                resized |= moves
        to_cancel._action_cancel()
        # values built from the lines (_dealer_move_values), in the visit's own warehouse: none comes from the user
        new_moves = self.env["stock.move"].sudo().create([line._dealer_move_values() for line in to_create])
        new_moves._action_confirm(merge=False)  # one move per line, even for the same part
        (new_moves | resized)._action_assign()

    def _dealer_move_values(self):
        self.ensure_one()
        visit = self.visit_id
        if not visit.warehouse_id:
            raise UserError(
                self.env._(
                    "%(store)s has no parts warehouse: set it in Dealer settings before adding parts.",
                    store=visit.company_id.name,
                )
            )
        return {
            "product_id": self.product_id.id,
            "product_uom_qty": self.quantity,
            "product_uom": self.product_uom_id.id,
            "location_id": visit.warehouse_id.lot_stock_id.id,
            "location_dest_id": self.product_id.with_company(visit.company_id).property_stock_production.id,
            "company_id": visit.company_id.id,
            "warehouse_id": visit.warehouse_id.id,
            "partner_id": visit.partner_id.id,
            "origin": visit.name,
            "dealer_visit_line_id": self.id,
        }

    def _dealer_consume_parts(self):
        """Consume the reserved parts; a part not fully in stock stops the hand-over."""
        # called by the hand-over of a visit the user may close; sudo touches only these lines' own moves
        moves = self.sudo().move_ids.filtered(lambda move: move.state not in ("done", "cancel"))
        missing = moves.filtered(
            lambda move: (
                float_compare(move.quantity, move.product_uom_qty, precision_rounding=move.product_uom.rounding) < 0
            )
        )
        if missing:
            move = missing[0]
            raise UserError(
                self.env._(
                    "%(part)s: %(reserved)s of %(needed)s reserved in %(warehouse)s. Receive the part, or reduce "
                    "the quantity to what was fitted, before completing the visit.",
                    part=move.product_id.display_name,
                    reserved=move.quantity,
                    needed=move.product_uom_qty,
                    warehouse=move.warehouse_id.name or move.location_id.display_name,
                )
            )
        moves.picked = True
        moves._action_done()

    def _dealer_payer(self):
        self.ensure_one()
        if self.pay_type == "customer":
            return self.visit_id.partner_id
        brand = self.visit_id.vehicle_id.brand_id
        if not brand.dealer_manufacturer_id:
            raise UserError(
                self.env._(
                    "Warranty work on %(brand)s cars is claimed from the carmaker: set who pays the claims on "
                    "the brand (Configuration > Brands) before invoicing.",
                    brand=brand.name,
                )
            )
        return brand.dealer_manufacturer_id

    def _dealer_invoice_line_values(self):
        self.ensure_one()
        return {
            "product_id": self.product_id.id,
            "name": self.name,
            "quantity": self.qty_to_invoice,
            "product_uom_id": self.product_uom_id.id,
            "price_unit": self.price_unit,
            "discount": self.discount,
            "dealer_visit_line_id": self.id,
        }
