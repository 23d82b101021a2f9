import base64
import csv
import io

from odoo import fields, models
from odoo.exceptions import UserError

from odoo.addons.dealer_crm_base.tools.vehicle_identifiers import normalize_vin, vin_problem

# Headers of the VIN column in carmakers' lists; without one, the first column holds the VINs.
VIN_HEADERS = {"vin", "vin码", "车架号", "车辆识别代号", "车辆识别号"}
# Excel in China saves CSV files in GB18030 (GBK); anything else is UTF-8.
ENCODINGS = ("utf-8-sig", "gb18030")


class DealerServiceCampaignImport(models.TransientModel):
    """The carmaker's list of VINs (CSV) turned into the cars a campaign concerns."""

    _name = "dealer.service.campaign.import"
    _description = "Import Campaign VINs"

    campaign_id = fields.Many2one("dealer.service.campaign", required=True)
    file = fields.Binary("CSV File", required=True, help="One VIN per line, or a column named VIN.")
    filename = fields.Char()

    def action_import(self):
        self.ensure_one()
        vins, malformed = self._dealer_read_vins()
        # sudo: a carmaker's recall of every store covers the group's cars whichever store sold them; a store's
        # own campaign reaches only that store's cars, so the other stores' VINs stay unknown to it
        domain = [("vin_sn", "in", vins)]
        if self.campaign_id.company_id:
            domain.append(("company_id", "in", [self.campaign_id.company_id.id, False]))
        vehicles = self.env["fleet.vehicle"].sudo().search(domain)
        known = set(self.campaign_id.vehicle_ids.vehicle_id.ids)
        new = vehicles.filtered(lambda vehicle: vehicle.id not in known)
        self.env["dealer.service.campaign.vehicle"].sudo().create(
            [{"campaign_id": self.campaign_id.id, "vehicle_id": vehicle.id} for vehicle in new]
        )
        unknown = sorted(set(vins) - set(vehicles.mapped("vin_sn")))
        self.campaign_id.message_post(
            body=self.env._(
                "%(file)s: %(count)s VINs read, %(new)s cars added, %(known)s already listed, "
                "%(unknown)s not sold or serviced by the group%(unknown_list)s, "
                "%(malformed)s malformed%(malformed_list)s",
                file=self.filename or self.env._("CSV file"),
                count=len(vins),
                new=len(new),
                known=len(vehicles) - len(new),
                unknown=len(unknown),
                unknown_list=(": " + ", ".join(unknown[:50])) if unknown else "",
                malformed=len(malformed),
                malformed_list=(": " + ", ".join(malformed[:50])) if malformed else "",
            )
        )
        return self.campaign_id.action_view_vehicles()

    def _dealer_read_vins(self):
        """The valid VINs of the file, each once, and the values that are no VIN."""
        rows = [row for row in csv.reader(io.StringIO(self._dealer_text())) if any(cell.strip() for cell in row)]
        if not rows:
            raise UserError(self.env._("The file is empty: it should hold one VIN per line."))
        header = [cell.strip().lower() for cell in rows[0]]
        column = next((index for index, cell in enumerate(header) if cell in VIN_HEADERS), None)
        body, index = (rows, 0) if column is None else (rows[1:], column)
        values = dict.fromkeys(normalize_vin(row[index]) for row in body if len(row) > index and row[index].strip())
        vins = [vin for vin in values if not vin_problem(vin)]
        if not vins:
            raise UserError(
                self.env._(
                    "No valid VIN in %(file)s. Save the carmaker's list as a CSV file with the VINs in the first "
                    "column or in a column named VIN.",
                    file=self.filename or self.env._("the file"),
                )
            )
        return vins, [value for value in values if vin_problem(value)]

    def _dealer_text(self):
        content = base64.b64decode(self.file or b"")
        for encoding in ENCODINGS:
            try:
                return content.decode(encoding)
            except UnicodeDecodeError:
                continue
        raise UserError(self.env._("Save the VIN list as a CSV file (UTF-8 or GBK) and import it again."))
