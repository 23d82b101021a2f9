"""The demo history of dealer_service, played by its demo data (res.company._dealer_play_demo)."""

import random
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.fields import Command

from odoo.addons.dealer_crm_base.demo.timeline import BEIJING, DemoTimeline

HISTORY_DAYS = 730
CRM = "dealer_crm_base"

# How the owners of the demo cars of dealer_crm_base (fleet_vehicle_NN_demo) behave.
LOST = {"11", "34"}  # last came more than a year ago
AT_RISK = {"17", "32"}  # last came seven to eleven months ago
# The reading of twelve days ago was taken at a service visit for these cars only.
RECENT_SERVICE = {"02", "06", "08", "18", "22", "23", "26", "31", "33", "40", "44"}
TAXIS = {"18", "19", "20", "22", "40", "41", "42"}
# What brings a car in between two services.
REPAIRS = [
    ("repair", [("labour_air_conditioning", None, "customer")]),
    ("repair", [("labour_battery", None, "customer"), ("part_battery", 1, "customer")]),
    ("repair", [("labour_brake_pads", None, "customer"), ("part_brake_pads", 1, "customer")]),
    (
        "repair",
        [
            ("labour_tyres", None, "customer"),
            ("part_tyre", 2, "customer"),
            ("labour_alignment", None, "customer"),
        ],
    ),
    ("repair", [("labour_diagnosis", None, "customer"), ("part_wiper_blades", 1, "customer")]),
    ("accident", [("labour_paint", 4.0, "customer"), ("part_paint_materials", 1, "customer")]),
]
SLOTS = ["08:30", "09:00", "09:30", "10:00", "10:30", "13:30", "14:00", "14:30"]
CONCERNS = {
    "first_maintenance": "First maintenance due. 首次保养。",
    "maintenance": "Periodic maintenance due. 定期保养到期。",
    "repair": "Noise from the front wheels when braking. 刹车时前轮有异响。",
    "accident": "Rear-ended at a traffic light, front bumper and lamp damaged. 追尾事故，前保险杠及大灯受损。",
    "warranty": "Coolant level drops, warning lamp on. 冷却液液位下降，仪表报警。",
    "recall": "Recall letter received. 收到召回通知。",
}

# Extra visits: vehicle, days ago, type, jobs (product key, quantity or None for standard hours, who pays), options.
EXTRA_VISITS = [
    ("06", 520, "repair", [("labour_brake_pads", None, "customer"), ("part_brake_pads", 1, "customer")], {}),
    ("03", 300, "repair", [("labour_battery", None, "customer"), ("part_battery", 1, "customer")], {}),
    (
        "08",
        430,
        "repair",
        [
            ("labour_tyres", 1.6, "customer"),
            ("part_tyre", 4, "customer"),
            ("labour_alignment", None, "customer"),
        ],
        {},
    ),
    (
        "12",
        160,
        "accident",
        [
            ("labour_paint", 8.0, "customer"),
            ("part_paint_materials", 2, "customer"),
            ("labour_bumper", None, "customer"),
            ("part_bumper_cover", 1, "customer"),
        ],
        {"days": 3, "mood": 4},
    ),
    (
        "44",
        470,
        "accident",
        [("labour_paint", 8.0, "customer"), ("part_paint_materials", 2, "customer")],
        {"days": 2},
    ),
    ("18", 100, "accident", [("labour_paint", 4.0, "customer"), ("part_paint_materials", 1, "customer")], {"days": 2}),
    (
        "09",
        250,
        "warranty",
        [
            ("labour_coolant_pump", None, "warranty"),
            ("part_coolant_pump", 1, "warranty"),
            ("part_coolant", 2, "warranty"),
        ],
        {},
    ),
    (
        "23",
        185,
        "warranty",
        [("labour_window_regulator", None, "warranty"), ("part_window_regulator", 1, "warranty")],
        {},
    ),
    (
        "27",
        405,
        "warranty",
        [
            ("labour_coolant_pump", None, "warranty"),
            ("part_coolant_pump", 1, "warranty"),
            ("part_coolant", 2, "warranty"),
        ],
        {},
    ),
    ("31", 300, "warranty", [("labour_hv_battery", None, "warranty"), ("labour_diagnosis", None, "warranty")], {}),
    ("16", 140, "recall", [], {}),
    ("44", 110, "recall", [], {}),
    ("02", 60, "repair", [("labour_air_conditioning", None, "customer"), ("part_wiper_blades", 1, "customer")], {}),
    ("22", 380, "repair", [("labour_brake_pads", None, "customer"), ("part_brake_pads", 1, "customer")], {}),
    ("40", 215, "repair", [("labour_brake_pads", None, "customer"), ("part_brake_pads", 1, "customer")], {}),
    ("43", 330, "repair", [("labour_air_conditioning", None, "customer")], {"mood": 3}),
    # out of warranty, a loyal farmer: the store waives the labour (goodwill), he pays the part
    (
        "34",
        455,
        "repair",
        [
            ("labour_coolant_pump", None, "goodwill"),
            ("part_coolant_pump", 1, "customer"),
            ("part_coolant", 2, "customer"),
        ],
        {},
    ),
    # brakes replaced, the squeal came back ten days later: a comeback (返工), redone free of charge
    (
        "06",
        32,
        "repair",
        [("labour_brake_pads", None, "customer"), ("part_brake_pads", 1, "customer")],
        {"complaint": "The brakes squeal again; he had to come back. 刹车又响了，客户不满需要返厂。"},
    ),
    ("06", 22, "repair", [("labour_brake_pads", None, "goodwill"), ("labour_diagnosis", None, "internal")], {}),
    # the new battery was not registered in the car's system: an unhappy customer, still to be called back
    ("33", 6, "repair", [("labour_battery", None, "customer"), ("part_battery", 1, "customer")], {"mood": 3}),
    # no-shows
    ("05", 200, "maintenance", [], {"cancel": True}),
    ("33", 70, "maintenance", [], {"cancel": True}),
    ("17", 150, "maintenance", [], {"cancel": True}),
]

# The workshop as it stands today: vehicle, day (0 today, -1 yesterday, 1 tomorrow), local time, type, state,
# jobs (as EXTRA_VISITS; maintenance jobs by default).
TODAY_VISITS = [
    ("01", 0, "09:30", "maintenance", "appointment", None),
    ("25", 0, "14:00", "first_maintenance", "appointment", None),
    ("29", 0, "10:00", "first_maintenance", "appointment", None),
    ("14", 1, "09:00", "first_maintenance", "appointment", None),
    ("20", 1, "08:30", "maintenance", "appointment", None),
    ("39", 1, "10:30", "first_maintenance", "appointment", None),
    ("16", 1, "15:00", "repair", "appointment", []),
    ("45", 2, "09:00", "first_maintenance", "appointment", None),
    ("05", 2, "11:00", "maintenance", "appointment", None),
    ("27", 6, "10:00", "maintenance", "appointment", None),
    ("15", -1, "09:00", "maintenance", "cancelled", None),
    ("03", 0, "08:40", "maintenance", "checked_in", None),
    ("41", 0, "08:15", "maintenance", "checked_in", None),
    ("19", 0, "08:30", "maintenance", "in_progress", None),
    (
        "28",
        0,
        "09:00",
        "repair",
        "in_progress",
        [("labour_brake_pads", None, "customer"), ("part_brake_pads", 1, "customer")],
    ),
    (
        "12",
        -1,
        "14:00",
        "accident",
        "in_progress",
        [
            ("labour_paint", 4.0, "customer"),
            ("part_paint_materials", 1, "customer"),
            ("labour_headlamp", None, "customer"),
            ("part_headlamp", 1, "customer"),
        ],
    ),
    ("09", 0, "08:30", "maintenance", "quality_check", None),
    ("42", 0, "08:00", "maintenance", "done", None),
    ("37", -1, "09:30", "maintenance", "invoiced_draft", None),
    ("24", -3, "09:00", "maintenance", "posted", None),
    ("43", -5, "10:00", "maintenance", "posted", None),
]

CAMPAIGN_VEHICLES = {
    "ecu_recall": ["01", "03", "07", "08", "12", "16", "23", "26", "28", "32", "37", "39", "44"],
    "rear_axle": ["06", "09", "24", "31", "43"],
}
INITIAL_STOCK = {
    "part_engine_oil": 900,
    "part_oil_filter": 200,
    "part_drain_plug_seal": 200,
    "part_air_filter": 80,
    "part_cabin_filter": 80,
    "part_brake_fluid": 40,
    "part_spark_plug": 60,
    "part_gearbox_oil": 60,
    "part_brake_pads": 40,
    "part_tyre": 60,
    "part_battery": 20,
    "part_bumper_cover": 4,
    "part_coolant_pump": 6,
    "part_window_regulator": 6,
    "part_coolant": 40,
    "part_wiper_blades": 40,
    "part_paint_materials": 60,
    "accessory_floor_mats": 20,
    "accessory_dash_camera": 12,
    "accessory_window_film": 6,
}


def play(env):
    """Two years of workshop life through the real flow, so that every report has data: visits from appointment
    to payment and follow-up call, each step at its own date, then the nightly jobs of today."""
    history = _DemoHistory(env)
    history.prepare()
    history.play()
    history.finish()


class _DemoHistory(DemoTimeline):
    def __init__(self, env):
        super().__init__(env)
        # the calendar day of dealer_crm_base's demo data (DateTime.today() in its files)
        self.today = fields.Date.today()
        self.start = self.at(self.today - timedelta(days=HISTORY_DAYS + 15), "08:00")
        self.special_invoice = None

    # helpers

    def ref(self, xmlid):
        return self.env.ref(xmlid if "." in xmlid else f"dealer_service.{xmlid}")

    def product(self, key):
        return self.ref(f"product_{key}_demo")

    def vehicle(self, number):
        return self.ref(f"{CRM}.fleet_vehicle_{number}_demo")

    # setup

    def prepare(self):
        env = self.env
        self.stores = self.ref(f"{CRM}.company_changchun_store_demo") | self.ref(f"{CRM}.company_jilin_store_demo")
        group = self.ref(f"{CRM}.company_dragon_group_demo")
        if not group.chart_template:
            self._load_chart_of_accounts(group)
        self.vat = self._vat_13(group)
        self.staff = {}
        for store, code in zip(self.stores, ("cc", "jl"), strict=True):
            if not store.dealer_parts_warehouse_id:
                warehouse = env["stock.warehouse"].search([("company_id", "=", store.id)], limit=1)
                store.dealer_parts_warehouse_id = warehouse or env["stock.warehouse"].create(
                    {"name": f"{store.name} Parts", "code": code.upper(), "company_id": store.id}
                )
            advisors = self.ref(f"{CRM}.user_advisor_{code}_demo")
            if code == "cc":
                advisors |= self.ref("user_advisor2_cc_demo")
                technicians = [self.ref(f"user_technician{n}_cc_demo") for n in ("", "2", "3")]
            else:
                technicians = [self.ref(f"user_technician{n}_jl_demo") for n in ("", "2")]
            self.staff[store] = {
                "advisors": advisors,
                "technicians": technicians,
                "foreman": self.ref(f"user_foreman_{code}_demo"),
                "accountant": self.ref(f"user_accountant_{code}_demo"),
            }
        products = env["product.product"].search([("product_tmpl_id.categ_id", "child_of", self._categories().ids)])
        products.product_tmpl_id.taxes_id = [Command.set(self.vat.ids)]
        for product in products.filtered("is_storable"):
            for company in self.stores:
                product.with_company(company).standard_price = product.standard_price
        thirty_days = env.ref("account.account_payment_term_30days")
        for number in ("hongyun_taxi", "chaoyang_government", "tongda_taxi", "jiangcheng_construction"):
            partner = self.ref(f"{CRM}.res_partner_{number}_demo")
            partner.with_company(partner.company_id).property_payment_term_id = thirty_days
        self.manufacturer = self.ref("res_partner_faw_volkswagen_demo")
        self._plan()

    def _load_chart_of_accounts(self, group):
        """The generic chart of accounts for the group and its stores, in yuan.

        The generic chart is American: it makes the group's fiscal country the
        United States and its currency the dollar, and refuses the Chinese storno
        (red-letter) accounting that the stores were created with.
        """
        (group | group.child_ids).account_storno = False
        self.env["account.chart.template"]._load("generic_coa", group, install_demo=False)
        group.currency_id = self.env.ref("base.CNY")

    def _categories(self):
        return (
            self.ref("product_category_labour")
            | self.ref("product_category_parts")
            | self.ref("product_category_accessories")
        )

    def _vat_13(self, group):
        """China's VAT on parts and repairs, included in the prices customers are quoted."""
        Tax = self.env["account.tax"].with_company(group)
        tax = Tax.search([("company_id", "=", group.id), ("type_tax_use", "=", "sale"), ("amount", "=", 13.0)], limit=1)
        if not tax:
            template = group.account_sale_tax_id or Tax.search(
                [("company_id", "=", group.id), ("type_tax_use", "=", "sale")], limit=1
            )
            tax = template.copy({"name": "VAT 13%", "amount": 13.0, "price_include_override": "tax_included"})
        (group | group.child_ids).account_sale_tax_id = tax
        return tax

    def _plan(self):
        today = self.today
        window_start = today - timedelta(days=HISTORY_DAYS)
        today_cars = {row[0] for row in TODAY_VISITS}
        for number in [f"{n:02d}" for n in range(1, 46)]:
            vehicle = self.vehicle(number)
            readings = vehicle.dealer_odometer_ids.sorted(lambda reading: (reading.date, reading.id))
            for reading in readings[1:]:
                age = (today - reading.date).days
                if reading.date < window_start or age < 11:
                    continue
                if reading == readings[-1] and age < 15 and (number not in RECENT_SERVICE or number in today_cars):
                    continue
                if (number in LOST and age < 395) or (number in AT_RISK and age < 220):
                    continue
                first = reading == readings[1] and (reading.date - vehicle.dealer_delivery_date).days < 300
                self._plan_visit(number, reading.date, "first_maintenance" if first else "maintenance")
            # between the readings above: taxis come every month and a half, other cars now and then
            previous = readings[:1]
            for reading in readings[1:]:
                gap = (reading.date - previous.date).days
                steps = gap // 45 if number in TAXIS else (1 if gap > 200 else 0)
                rng = random.Random(f"{number}/{reading.date}")
                for step in range(1, steps):
                    day = previous.date + timedelta(days=step * gap // steps)
                    if day >= window_start and (today - day).days > 45:
                        self._plan_visit(number, day, "maintenance")
                if steps == 1 and rng.random() < 0.6:
                    day = previous.date + timedelta(days=gap // 2)
                    visit_type, jobs = rng.choice(REPAIRS)
                    if day >= window_start and number not in LOST | AT_RISK:
                        self._plan_visit(number, day, visit_type, jobs, days=1 if visit_type == "accident" else 0)
                previous = reading
        for number, days_ago, visit_type, jobs, options in EXTRA_VISITS:
            self._plan_visit(number, today - timedelta(days=days_ago), visit_type, jobs, **options)
        for number, offset, hour, visit_type, state, jobs in TODAY_VISITS:
            self._plan_visit(number, today + timedelta(days=offset), visit_type, jobs, hour=hour, stop=state)
        self.schedule(self.start, self._stock)
        self.schedule(self.at(today - timedelta(days=HISTORY_DAYS), "02:00"), self._monthly_script())
        for key, days_start, days_end in (("ecu_recall", 150, None), ("rear_axle", 420, 240)):
            self.schedule(self.at(today - timedelta(days=days_start), "07:00"), self._campaign_script(key, days_end))

    def _plan_visit(self, number, day, visit_type, jobs=None, **options):
        rng = random.Random(f"{number}/{day}/{visit_type}")
        hour = options.pop("hour", None) or rng.choice(SLOTS)
        planned = self.at(day, hour)
        if day == self.today and options.get("stop") not in (None, "appointment", "cancelled"):
            # today's work is under way, whatever the hour the demo is installed
            planned = min(planned, self.now - timedelta(hours=5))
        booked = min(planned - timedelta(days=rng.choice((1, 2, 3)), hours=rng.randint(0, 5)), self.now)
        self.schedule(booked, self._visit_script(number, planned, visit_type, jobs, rng, **options))

    # the scripts: each yields the moment of its next step

    def _stock(self):
        quants = self.env["stock.quant"].with_context(inventory_mode=True)
        for store in self.stores:
            location = store.dealer_parts_warehouse_id.lot_stock_id
            quants.create(
                [
                    {"product_id": self.product(key).id, "location_id": location.id, "inventory_quantity": qty}
                    for key, qty in INITIAL_STOCK.items()
                ]
                + (
                    [
                        {
                            "product_id": self.product("part_headlamp").id,
                            "location_id": location.id,
                            "inventory_quantity": 1,
                        }
                    ]
                    if store != self.stores[0]
                    else []
                )
            ).action_apply_inventory()

    def _monthly_script(self):
        """The nightly jobs as they ran over the months: grades and relationships move with the visits, and
        the carmaker settles last month's warranty claims on the 20th."""
        day = self.today - timedelta(days=HISTORY_DAYS)
        while True:
            day = (day + relativedelta(months=1)).replace(day=1)
            yield self.at(day, "02:00")
            self.env["res.partner"]._dealer_update_customer_values()
            yield self.at(day.replace(day=20), "10:00")
            claims = self.env["account.move"].search(
                [
                    ("partner_id", "=", self.manufacturer.id),
                    ("move_type", "=", "out_invoice"),
                    ("state", "=", "posted"),
                    ("payment_state", "=", "not_paid"),
                    ("invoice_date", "<", day),
                ]
            )
            for company, invoices in claims.grouped("company_id").items():
                self._pay(invoices, self.staff[company]["accountant"])

    def _campaign_script(self, key, days_end):
        campaign = self.ref(f"dealer_service_campaign_{key}_demo")
        self.env["dealer.service.campaign.vehicle"].create(
            [{"campaign_id": campaign.id, "vehicle_id": self.vehicle(number).id} for number in CAMPAIGN_VEHICLES[key]]
        )
        campaign.action_open()
        if key == "ecu_recall":
            # the owner of this one had it done by another FAW-VW dealer
            yield self.at(self.today - timedelta(days=40), "11:00")
            self.current(campaign).vehicle_ids.filtered(lambda row: row.vehicle_id == self.vehicle("32")).write(
                {"state": "done_elsewhere", "date_done": self.moment.date(), "note": "Done at Jilin Dongfang 4S"}
            )
            return
        yield self.at(self.today - timedelta(days=days_end), "18:00")
        campaign = self.current(campaign)
        left = campaign.vehicle_ids.filtered(lambda row: row.state == "open")
        left[:1].action_done_elsewhere()
        left[1:].action_not_applicable()
        campaign.action_close()

    def _visit_script(
        self, number, planned, visit_type, jobs, rng, days=0, mood=None, cancel=False, stop=None, complaint=None
    ):
        """A visit from its booking to the follow-up call, each step at its moment; `stop` leaves it in that
        state (today's workshop)."""
        visit, cast = self._book(number, planned, visit_type, rng)
        if cancel or stop == "cancelled":
            yield planned + timedelta(hours=3)
            self.current(visit).action_cancel()
            return
        if stop == "appointment":
            return
        yield planned + timedelta(minutes=rng.randint(-10, 10))
        km = self._check_in(self.current(visit), planned, rng)
        if stop == "checked_in":
            return
        yield planned + timedelta(minutes=25)
        labour = self._start_work(self.current(visit), cast, jobs, km, rng)
        finish = self._finish_moment(planned, labour, rng, days, stop)
        if stop == "in_progress":
            self._log_work(labour, 0.5, rng)
            return
        yield finish
        self._log_work(labour, 1.0, rng)
        self.current(visit).with_user(cast["technician"]).sudo().action_request_inspection()
        if stop == "quality_check":
            return
        yield finish + timedelta(minutes=20)
        self.current(visit).with_user(cast["foreman"]).sudo().action_pass_inspection()
        yield finish + timedelta(minutes=45)
        self.current(visit).with_user(cast["advisor"]).sudo().action_done()
        if stop == "done":
            return
        done = finish + timedelta(minutes=45)
        yield done + timedelta(minutes=10)
        visit = self.current(visit)
        visit.with_user(cast["advisor"]).sudo().action_create_invoices()
        self._date_drafts(visit)
        if stop == "invoiced_draft":
            return
        self._post_invoices(visit, cast, number, done, rng, stop)
        if not visit.partner_id.dealer_do_not_call:
            yield from self._callback_script(visit, done, rng, mood, complaint)

    def _book(self, number, planned, visit_type, rng):
        """The appointment, booked by the car's advisor; the visit and who works on it."""
        vehicle = self.vehicle(number)
        store = vehicle.company_id
        staff = self.staff[store]
        advisors = staff["advisors"]
        advisor = advisors[int(number) % len(advisors)]
        cast = {**staff, "advisor": advisor, "technician": rng.choice(staff["technicians"])}
        day = self.local_day(planned)
        owner = vehicle.dealer_ownership_ids.filtered(
            lambda ownership: (
                (not ownership.date_start or ownership.date_start <= day)
                and (not ownership.date_end or ownership.date_end > day)
            )
        )[:1].partner_id
        visit = (
            self.env["dealer.service.visit"]
            .with_user(advisor)
            .sudo()
            .with_company(store)
            .create(
                {
                    "company_id": store.id,
                    "vehicle_id": vehicle.id,
                    "partner_id": (owner or vehicle.owner_id).id,
                    "visit_type": visit_type,
                    "advisor_id": advisor.id,
                    "date_planned": planned,
                    "planned_hours": 4.0 if visit_type == "accident" else 1.5,
                    "customer_concern": CONCERNS[visit_type],
                }
            )
        )
        return visit, cast

    def _check_in(self, visit, planned, rng):
        """The car arrives: mileage, fuel and walk-around at reception. Returns the mileage."""
        vehicle = visit.vehicle_id
        day = self.local_day(planned)
        km = self._odometer(vehicle, day)
        visit.write(
            {
                "odometer": km,
                "fuel_level": rng.choice(["quarter", "half", "half", "three_quarters", "full"]),
                "walkaround_notes": rng.choice(
                    [
                        False,
                        False,
                        "Scratch on the rear bumper. 后保险杠有划痕。",
                        "Umbrella and a child seat left in the car.",
                    ]
                ),
            }
        )
        visit.action_check_in()
        self._drop_duplicate_reading(vehicle, day, km)
        return km

    def _start_work(self, visit, cast, jobs, km, rng):
        """The jobs on the order, the technicians on them, the work started. Returns the labour lines."""
        vehicle = visit.vehicle_id
        if jobs is None:
            jobs = self._maintenance_jobs(vehicle, km, visit.visit_type == "first_maintenance", rng)
        if vehicle.dealer_warranty_state not in ("warranty", "three_guarantees"):
            # a taxi's mileage ends the carmaker's cover early: the owner pays
            jobs = [(key, quantity, "customer" if pay == "warranty" else pay) for key, quantity, pay in jobs]
        technician = cast["technician"]
        helpers = [technician] + ([rng.choice(cast["technicians"])] if visit.visit_type == "accident" else [])
        visit.line_ids.create(
            [
                {
                    "visit_id": visit.id,
                    "product_id": self.product(key).id,
                    "pay_type": pay,
                    **({"quantity": quantity} if quantity else {}),
                    **(
                        {"technician_ids": [Command.set([user.id for user in helpers])]}
                        if key.startswith("labour")
                        else {}
                    ),
                }
                for key, quantity, pay in jobs
            ]
        )
        visit.line_ids.filtered(
            lambda line: line.line_type == "labour" and not line.technician_ids
        ).technician_ids = technician
        visit.with_user(technician).sudo().action_start()
        return visit.line_ids.filtered(lambda line: line.line_type == "labour")

    def _finish_moment(self, planned, labour, rng, days, stop):
        """When the work is done: the hours of the jobs, give or take; a job that runs late ends the next
        morning, a bodywork job of several days in the afternoon."""
        work = sum(labour.mapped("quantity"))
        finish = planned + timedelta(minutes=25) + timedelta(hours=max(work * rng.uniform(0.8, 1.25), 0.5))
        if days:
            return self.at(self.local_day(planned) + timedelta(days=days), "16:00")
        if (finish + BEIJING).hour >= 18 and not stop:
            return self.at(self.local_day(planned) + timedelta(days=1), "10:30")
        return finish

    def _post_invoices(self, visit, cast, number, done, rng, stop):
        """The accountant posts the visit's invoices; the customer pays at the counter, a company later (the
        district office asks for a special VAT invoice first)."""
        accountant = cast["accountant"]
        invoices = visit.invoice_ids.filtered(lambda move: move.state == "draft")
        self._post(invoices.with_user(accountant).sudo())
        customer_invoice = invoices.filtered(lambda move: move.partner_id == visit.partner_id)
        if number == "24" and not stop and not self.special_invoice:
            self.special_invoice = visit
            self.schedule(done + timedelta(days=3), self._special_invoice_script(visit, customer_invoice, accountant))
        elif customer_invoice and stop != "posted":
            self.schedule(
                self._payment_moment(visit, done, rng),
                lambda invoice=customer_invoice: self._pay(invoice, accountant),
            )

    def _special_invoice_script(self, visit, invoice, accountant):
        """The district office needs a special VAT invoice (增值税专用发票): the ordinary one is reversed by a
        red-letter credit note (红字发票) and issued again."""
        invoice, visit = self.current(invoice.with_user(accountant).sudo()), self.current(visit)
        day = self._day_of(invoice)
        invoice._reverse_moves(
            [
                {
                    "ref": "Red-letter credit note: special VAT invoice requested. 红冲：客户要求开具增值税专用发票。",
                    "date": day,
                    "invoice_date": day,
                }
            ],
            cancel=True,
        )
        visit.with_user(visit.advisor_id).sudo().action_create_invoices()
        new = visit.invoice_ids.filtered(lambda move: move.state == "draft")
        self._post(new.with_user(accountant).sudo())
        yield self.moment + timedelta(days=28)
        self._pay(new, accountant)

    def _payment_moment(self, visit, done, rng):
        customer = visit.partner_id.commercial_partner_id
        if not customer.is_company:
            return done + timedelta(minutes=15 if rng.random() < 0.9 else 60 * 20)
        # the district office pays its bills late, the companies within their 30 days
        late = customer == self.ref(f"{CRM}.res_partner_chaoyang_government_demo")
        return done + timedelta(days=rng.randint(40, 55) if late else rng.randint(12, 28))

    def _day_of(self, records):
        """The step's day where `records`' user is (what Odoo takes for today when it dates them itself)."""
        return fields.Date.context_today(records, timestamp=self.moment)

    def _date_drafts(self, visit):
        """The visit's new draft invoices, dated the day they were made."""
        drafts = visit.invoice_ids.filtered(lambda move: move.state == "draft")
        drafts.date = self._day_of(drafts)

    def _post(self, invoices):
        invoices.filtered(lambda move: not move.invoice_date).invoice_date = self._day_of(invoices)
        invoices.action_post()

    def _pay(self, invoices, accountant):
        invoices = self.current(invoices).filtered(lambda move: move.payment_state == "not_paid")
        if invoices:
            wizard = self.env["account.payment.register"].with_user(accountant).sudo()
            wizard.with_context(active_model="account.move", active_ids=invoices.ids).create(
                {"payment_date": self._day_of(wizard)}
            ).action_create_payments()

    def _callback_script(self, visit, done, rng, mood, complaint):
        """Customer relations calls three days later (seven after a first service) and fills in the
        satisfaction survey with the customer."""
        kind = "callback_first_service" if visit.visit_type == "first_maintenance" else "callback"
        # the customers of the scripted stories answer at once; a few others are hard to reach
        misses = 0 if mood or complaint or rng.random() < 0.8 else (1 if rng.random() < 0.7 else 3)
        for attempt in (1, 2, 3):
            call = (
                self.env["mail.activity"]
                .with_context(active_test=False)
                .search([("dealer_occasion_key", "=", f"{kind}:{visit.id}:{attempt}")])
            )
            if not call:
                return
            moment = max(self.at(call.date_deadline, rng.choice(["10:00", "11:00", "15:00", "16:30"])), done)
            if attempt > 1:  # not reached: the agent tries again the next day
                moment = self.at(self.local_day(self.moment) + timedelta(days=1), "10:30")
            yield moment
            call, visit = self.current(call), self.current(visit)
            agent = call.user_id
            if attempt <= misses:
                call.with_user(agent).sudo().action_dealer_not_reached()
                continue
            if complaint:
                call.with_user(agent).sudo().write({"feedback": complaint})
                call.with_user(agent).sudo().action_dealer_complaint()
                break
            call.with_user(agent).sudo().action_dealer_reached()
            self._answer_survey(visit, mood or rng.choice([5, 5, 5, 5, 4, 4, 4]), rng)
            break
        alert = visit.activity_ids.filtered(
            lambda activity: activity.activity_type_id == self.ref("mail_activity_type_low_satisfaction")
        )
        alert.date_deadline = self._day_of(alert)  # Odoo counts the call-back's delay from the wall clock
        if alert and (self.today - self.local_day(done)).days > 10:  # the last one is still on the manager's list
            yield self.moment + timedelta(days=1)
            alert = self.current(alert)
            alert.with_user(alert.user_id).sudo().action_feedback(
                feedback="Called back and apologised; offered a free check-up at the next visit. "
                "已回访致歉，下次进站免费检测。"
            )

    def _answer_survey(self, visit, mood, rng):
        answer = visit.survey_user_input_id.sudo()
        for question in answer.survey_id.question_ids:
            score = max(1, min(5, mood - (1 if mood == 5 and rng.random() < 0.2 else 0)))
            choice = question.suggested_answer_ids.filtered(lambda option, score=score: option.answer_score == score)
            answer._save_lines(question, choice[:1].id)
        answer._mark_done()

    # the car

    def _odometer(self, vehicle, day):
        """The mileage on `day`: between the car's readings, or at its pace after the last one."""
        readings = vehicle.dealer_odometer_ids.sorted(lambda reading: (reading.date, reading.id))
        before = readings.filtered(lambda reading: reading.date <= day)[-1:]
        after = readings.filtered(lambda reading: reading.date > day)[:1]
        if not before:
            return after.value
        if after:
            share = (day - before.date).days / (after.date - before.date).days
            return round(before.value + share * (after.value - before.value))
        first = readings[0]
        pace = (before.value - first.value) / max((before.date - first.date).days, 1) or 40
        return round(before.value + pace * (day - before.date).days + 7)

    def _drop_duplicate_reading(self, vehicle, day, km):
        """The visit took the reading that dealer_crm_base already keeps for that day: keep that one (a record
        of its demo data, which an update would create again)."""
        same = self.env["fleet.vehicle.odometer"].search(
            [("vehicle_id", "=", vehicle.id), ("date", "=", day), ("value", "=", km)], order="id"
        )
        same[1:].unlink()

    def _maintenance_jobs(self, vehicle, km, first, rng):
        model = vehicle.model_id
        electric = model == self.ref(f"{CRM}.fleet_vehicle_model_e_bora_demo")
        hybrid = model == self.ref(f"{CRM}.fleet_vehicle_model_tayron_gte_demo")
        big = model.dealer_series_id == self.ref(f"{CRM}.dealer_vehicle_series_tayron_demo")
        # the carmaker pays the first service of its cars (首保免费)
        pay = "warranty" if first else "customer"
        jobs = [("labour_first_service" if first else "labour_periodic_service", None, pay)]
        if not electric:
            jobs += [
                ("part_engine_oil", 5 if big else 4, pay),
                ("part_oil_filter", 1, pay),
                ("part_drain_plug_seal", 1, pay),
            ]
        if electric or hybrid:
            jobs.append(("labour_hv_battery", None, pay))
        if not first and (int(km) // 10000) % 2 == 0:
            jobs += [("labour_filters", None, "customer"), ("part_cabin_filter", 1, "customer")]
            if not electric:
                jobs.append(("part_air_filter", 1, "customer"))
        if not first and 38000 <= km % 80000 < 52000 and not electric:
            jobs += [
                ("labour_brake_fluid", None, "customer"),
                ("part_brake_fluid", 1, "customer"),
                ("labour_spark_plugs", None, "customer"),
                ("part_spark_plug", 4, "customer"),
            ]
        if not first and 58000 <= km % 120000 < 72000 and not electric and not hybrid:
            jobs += [("labour_gearbox_oil", None, "customer"), ("part_gearbox_oil", 6, "customer")]
        roll = rng.random()
        if roll < 0.06:
            jobs += [("accessory_floor_mats", 1, "customer"), ("labour_accessory_fitting", None, "customer")]
        elif roll < 0.1:
            jobs += [("accessory_dash_camera", 1, "customer"), ("labour_accessory_fitting", None, "customer")]
        elif roll < 0.12 and first:
            jobs += [("accessory_window_film", 1, "customer"), ("labour_accessory_fitting", 2.0, "customer")]
        if rng.random() < 0.5:
            jobs.append(("labour_car_wash", None, "internal"))
        return jobs

    def _log_work(self, labour, share, rng):
        logs = []
        for line in labour:
            for technician in line.technician_ids:
                hours = line.quantity * share * rng.uniform(0.75, 1.3) / len(line.technician_ids)
                logs.append(
                    {
                        "line_id": line.id,
                        "technician_id": technician.id,
                        "date": self._day_of(line),
                        "hours": round(max(hours, 0.1), 2),
                    }
                )
        self.env["dealer.service.work.log"].create(logs)

    # today

    def finish(self):
        """Today's nightly jobs, without their commits (a module installation cannot commit)."""
        env = self.env
        Partner, Vehicle, calendar = env["res.partner"], env["fleet.vehicle"], env["dealer.care.calendar"]
        Vehicle._dealer_refresh_warranty_all()
        Partner._dealer_refresh_classification_all()
        turned_at_risk = Partner._dealer_update_customer_values()
        calendar._dealer_schedule(calendar._dealer_win_backs(turned_at_risk))
        Vehicle._dealer_refresh_service_schedule_all()
        calendar._dealer_schedule(calendar._dealer_service_reminders())
        calendar._dealer_schedule(calendar._dealer_due_occasions())
