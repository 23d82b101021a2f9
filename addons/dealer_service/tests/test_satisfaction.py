from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.dealer_crm_base.tests.common import make_vin

from .common import DealerServiceCommon


@tagged("post_install", "-at_install")
class TestSatisfaction(DealerServiceCommon):
    """Six questions after each visit, linked to the visit, its advisor and technicians."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.store_a.write({"dealer_service_manager_id": cls.manager.id, "dealer_satisfaction_threshold": 60.0})
        cls.survey = cls.env.ref("dealer_service.survey_service_satisfaction")

    def completed_visit(self):
        visit = self.make_visit(odometer=21000)
        visit.action_check_in()
        self.add_line(visit, self.brake_job, technician_ids=[self.technician.id])
        return self.complete(visit)

    def answer(self, visit, score):
        """The customer answers every question with the choice worth `score` (1 to 5), through their link."""
        answer = visit.survey_user_input_id.sudo()
        for question in answer.survey_id.question_ids:
            choice = question.suggested_answer_ids.filtered(lambda option: option.answer_score == score)
            answer._save_lines(question, choice.id)
        answer._mark_done()

    def test_one_survey_per_visit_linked_to_its_people(self):
        visit = self.completed_visit()
        answer = visit.survey_user_input_id
        self.assertEqual(len(self.survey.question_ids), 6)
        self.assertEqual(answer.partner_id, self.customer)
        self.assertEqual(answer.dealer_visit_id, visit)
        self.assertEqual(answer.dealer_advisor_id, self.advisor)
        self.assertEqual(answer.dealer_technician_ids, self.technician)
        self.assertEqual(answer.dealer_company_id, self.store_a)
        visit._dealer_create_surveys()
        self.assertEqual(self.env["survey.user_input"].search_count([("dealer_visit_id", "=", visit.id)]), 1)

    def test_score_on_the_visit_and_rolled_up(self):
        happy, unhappy = self.completed_visit(), self.completed_visit()
        self.answer(happy, 5)
        self.answer(unhappy, 2)
        self.assertEqual(happy.satisfaction_score, 100.0)
        self.assertEqual(unhappy.satisfaction_score, 40.0)
        groups = self.env["dealer.service.visit"]._read_group(
            [("id", "in", (happy | unhappy).ids)], ["advisor_id", "company_id"], ["satisfaction_score:avg"]
        )
        self.assertEqual(groups, [(self.advisor, self.store_a, 70.0)])

    def test_low_score_alerts_the_manager_once(self):
        low_type = self.env.ref("dealer_service.mail_activity_type_low_satisfaction")
        visit = self.completed_visit()
        self.answer(visit, 3)
        self.assertEqual(visit.satisfaction_score, 60.0)
        alert = visit.activity_ids.filtered(lambda activity: activity.activity_type_id == low_type)
        self.assertEqual(alert.user_id, self.manager, "at the threshold counts as low")
        visit._dealer_record_satisfaction()
        self.assertEqual(len(visit.activity_ids.filtered(lambda activity: activity.activity_type_id == low_type)), 1)
        happy = self.completed_visit()
        self.answer(happy, 4)
        self.assertFalse(happy.activity_ids.filtered(lambda activity: activity.activity_type_id == low_type))

    def test_survey_link_by_mail(self):
        visit = self.completed_visit()
        action = visit.with_user(self.advisor).action_send_survey()
        composer = self.env["mail.compose.message"].with_user(self.advisor).with_context(**action["context"]).create({})
        self.assertIn(visit.survey_user_input_id.access_token, composer.body)

    def test_answers_stay_in_their_store(self):
        answer_a = self.completed_visit().survey_user_input_id
        self.answer(answer_a.dealer_visit_id, 4)
        customer_b = self.env["res.partner"].create({"name": "李娜", "company_id": self.store_b.id})
        vehicle_b = self.env["fleet.vehicle"].create(
            {
                "model_id": self.vehicle_model.id,
                "owner_id": customer_b.id,
                "vin_sn": make_vin(500002),
                "company_id": self.store_b.id,
            }
        )
        visit_b = self.env["dealer.service.visit"].create(
            {"vehicle_id": vehicle_b.id, "company_id": self.store_b.id, "advisor_id": self.advisor_b.id}
        )
        visit_b._dealer_create_surveys()
        answer_b = visit_b.survey_user_input_id
        other_survey = self.env["survey.survey"].sudo().create({"title": "Staff canteen", "user_id": False})
        canteen_answer = other_survey._create_answer(user=self.env.user)
        relations_a = self._staff("relations_a", "dealer_crm_base.group_dealer_customer_relations", self.store_a)
        relations_b = self._staff("relations_b", "dealer_crm_base.group_dealer_customer_relations", self.store_b)
        everyone = answer_a | answer_b | canteen_answer
        for user, own in (
            (self.advisor, answer_a),
            (relations_a, answer_a),
            (self.advisor_b, answer_b),
            (relations_b, answer_b),
        ):
            with self.subTest(user=user.login):
                Answer = self.env["survey.user_input"].with_user(user)
                self.assertEqual(Answer.search([("id", "in", everyone.ids)]), own)
                rows = Answer.search_read([("id", "in", everyone.ids)], ["partner_id", "scoring_percentage"])
                self.assertEqual([row["id"] for row in rows], own.ids)
                for other in everyone - own:
                    with self.assertRaises(AccessError):
                        other.with_user(user).read(["access_token"])
        # their lines are survey's own business: no dealer role reads them
        with self.assertRaises(AccessError):
            answer_a.user_input_line_ids.with_user(self.advisor_b).read(["value_suggested"])
        # a survey manager keeps what Odoo's survey gives him, within his stores
        survey_manager = self._staff("survey_manager_a", "survey.group_survey_manager", self.store_a)
        self.assertEqual(
            self.env["survey.user_input"].with_user(survey_manager).search([("id", "in", everyone.ids)]),
            answer_a | canteen_answer,
        )

    def test_survey_managers_of_other_companies_do_not_see_a_stores_answers(self):
        """Odoo's survey managers see every answer; a store's customers and scores stay in its companies."""
        visit = self.completed_visit()
        outsider = new_test_user(
            self.env,
            "survey_manager_store_b",
            groups="base.group_user,survey.group_survey_manager",
            company_id=self.store_b.id,
            company_ids=self.store_b.ids,
        )
        other_survey = self.env["survey.survey"].with_user(outsider).create({"title": "Fleet customers' opinion"})
        other_answer = other_survey._create_answer(partner=outsider.partner_id)
        answers = self.env["survey.user_input"].with_user(outsider).search([])
        self.assertNotIn(visit.survey_user_input_id, answers)
        self.assertIn(other_answer, answers)
        outsider.company_ids |= self.store_a
        self.assertIn(visit.survey_user_input_id, self.env["survey.user_input"].with_user(outsider).search([]))
