"""The demo history of dealer_complaints, played by its demo data (res.company._dealer_play_demo)."""

from datetime import datetime, time, timedelta

from odoo.addons.dealer_crm_base.demo.timeline import BEIJING, DemoTimeline

CRM = "dealer_crm_base"

# What the agents write in the chatter: demo data in both languages, like the customers' words
CHATTER = {
    "duplicate": "Duplicate of an earlier complaint by the same customer. 重复投诉。",
    "back": "The customer called: the problem is back. 客户来电：问题复现。",
}
# (resolution, root cause, corrective action) by category, unless the story gives its own
OUTCOMES = {
    "sales_promise": (
        "The promised item was fitted free of charge and the consultant apologised. 已免费补装并致歉。",
        "The promise was made orally and never written on the order.",
        "Every gift or promise is now written on the sales order and checked at delivery.",
    ),
    "sales_delivery": (
        "The missing document was couriered the same day; the delivery fee refunded. 资料当天快递补齐。",
        "The delivery checklist was not signed off by the sales manager.",
        "No handover without the signed checklist (certificate, invoice, warranty booklet, spare key).",
    ),
    "after_sales_not_fixed": (
        "Repaired again by the foreman under goodwill, test drive with the customer. 班组长返修并陪同试车。",
        "The cause was diagnosed on the first symptom only; no road test after the repair.",
        "A road test with the customer's complaint in hand before every hand-over of a repair.",
    ),
    "after_sales_comeback": (
        "The damage was repaired at the store's cost and a car wash voucher given. 损伤由店方承担修复。",
        "The car was moved without seat and wheel covers during a busy morning.",
        "Protective covers checked at the final inspection; reminder at the morning meeting.",
    ),
    "after_sales": (
        "Called back, explained the work done and offered a free check-up. 回访解释并赠送免费检测。",
        "The work and its price were not explained at hand-over.",
        "Advisors walk the customer through the invoice at every hand-over.",
    ),
    "parts_availability": (
        "Part ordered as an emergency order from the regional warehouse; courtesy car lent. 紧急订货并提供代步车。",
        "The safety stock of the part was below the monthly demand.",
        "The minimum stock of the part was raised; the parts manager reviews it monthly.",
    ),
    "price": (
        "The price was explained line by line; the labour of the filter change waived. 逐项解释并减免工时费。",
        "The quote given at reception did not include the extra work found later.",
        "Extra work is quoted and approved by the customer (WeChat message) before it starts.",
    ),
    "waiting_time": (
        "Apologised; a labour voucher offered and accepted. 致歉并赠送工时券。",
        "Technicians on leave and the appointment plan not adjusted.",
        "The foreman checks the next day's capacity against leave every afternoon.",
    ),
    "staff_attitude": (
        "The store manager apologised in person; the staff member coached. 店长当面致歉。",
        "The staff member was under pressure at the end of the month and spoke curtly.",
        "Customer-care refresher for the team; the case discussed at the monthly review.",
    ),
    "vehicle_defect_noise": (
        "Rear window regulator replaced under warranty per the carmaker's bulletin. 按厂家通报更换玻璃升降器。",
        "Regulator batch 2025-W32 from the supplier (carmaker technical bulletin).",
        "Affected cars called in proactively for the bulletin; the parts held in stock.",
    ),
    "vehicle_defect_electrical": (
        "Software updated and the module recoded under warranty. 软件升级并重新编码。",
        "Known software fault of the control unit, fixed by the carmaker's update.",
        "The update is applied at every visit of the cars concerned.",
    ),
    "vehicle_defect": (
        "Gearbox adaptation reset and clutch software updated under warranty. 变速箱自适应并升级软件。",
        "Known judder of the dual-clutch gearbox at low speed; carmaker update available.",
        "The update is checked at every service of the model.",
    ),
}

# No complaint comes by e-mail or from the web form: the tests of those channels count every complaint of theirs.
# The stories: days ago, Beijing hour, who (vehicle number, or a lead xml id), channel, kind, category,
# severity, subject, flow, options. The flows (see _DemoComplaints._flow):
#   ok: contacted within hours, resolved within the deadline; late: contacted late, resolved late
#   (escalated); slow: contacted in time, resolved after the deadline; reopen: resolved, reopened, resolved
#   again; answer: an inquiry answered; convert: an inquiry turned into a complaint; carmaker: the carmaker
#   is asked; cancel: a duplicate; open_*: still open today.
# fmt: off
STORIES = [
    # ---- Changchun
    (712, "10:20", "02", "phone", "complaint", "waiting_time", "low", "Waited two hours past the booked time", "ok",
     {}),
    (690, "15:05", "04", "walk_in", "complaint", "sales_promise", "high",
     "The sales consultant promised floor mats that never came", "slow",
     {"staff": "user_sales_cc_demo", "note": "Second complaint about this consultant's promises this quarter."}),
    (655, "09:40", "10", "wechat", "inquiry", "price", "low", "How much is the 30,000 km service?", "answer",
     {"answer": "Quoted 1,280 yuan with oil, filters and labour; booked for next Monday."}),
    (620, "11:15", "12", "phone", "complaint", "after_sales_comeback", "medium",
     "Grease stains on the driver's seat after the service", "ok", {"visit": True}),
    (590, "14:30", "19", "phone", "complaint", "parts_availability", "high",
     "Taxi off the road three days waiting for a brake disc", "late", {"sat": "2"}),
    (560, "16:45", "03", "wechat", "complaint", "price", "medium", "Invoice higher than the quote", "ok",
     {"visit": True}),
    (530, "10:05", "06", "phone", "complaint", "vehicle_defect", "medium",
     "Tayron judders when pulling away in traffic", "carmaker", {"carmaker": "FAW-VW TC-2025-0412"}),
    (500, "13:20", "08", "hotline", "complaint", "staff_attitude", "medium", "Service advisor was rude on the phone",
     "ok", {"staff": "user_advisor2_cc_demo"}),
    (470, "09:10", "13", "wechat", "inquiry", "sales", "low", "Is there a trade-in bonus for a Bora this month?",
     "answer", {"answer": "Yes: 5,000 yuan trade-in subsidy until the end of the month; test drive booked."}),
    (455, "11:50", "22", "phone", "complaint", "after_sales_not_fixed", "high",
     "Air conditioning still blows warm after the repair", "slow", {"visit": True, "sat": "3"}),
    (430, "15:35", "05", "sms", "complaint", "vehicle_defect_electrical", "medium", "Charging stops at 80% at home",
     "ok", {}),
    (410, "10:25", "24", "phone", "complaint", "sales_delivery", "medium",
     "Second key and warranty booklet missing at delivery", "ok", {}),
    (385, "14:10", "14", "walk_in", "complaint", "waiting_time", "low", "No courtesy car although one was promised",
     "ok", {"visit": True}),
    (360, "09:55", "09", "phone", "inquiry", "vehicle_defect", "medium", "Coolant warning lamp again: is it covered?",
     "convert", {"visit": True}),
    (330, "16:20", "17", "phone", "complaint", "price", "low", "Paid for a wash that was not done", "cancel", {}),
    (300, "11:05", "15", "wechat", "complaint", "staff_attitude", "medium", "Reception ignored me for twenty minutes",
     "ok", {"staff": "user_advisor_cc_demo", "sat": "3"}),
    (270, "10:40", "20", "phone", "complaint", "after_sales_comeback", "high", "Scratch on the door after bodywork",
     "late", {"visit": True, "sat": "2"}),
    (245, "15:15", "25", "hotline", "complaint", "sales_promise", "medium",
     "Promised first service voucher not honoured", "ok", {"staff": "user_sales2_cc_demo"}),
    (210, "09:30", "11", "phone", "complaint", "parts_availability", "medium", "Wiper blades out of stock twice", "ok",
     {}),
    (180, "14:45", "18", "phone", "complaint", "after_sales_not_fixed", "medium",
     "Paint colour does not match after the accident repair", "reopen", {"visit": True}),
    (150, "10:15", "crm_lead_01_demo", "phone", "complaint", "sales_delivery", "high",
     "Delivery date of the new Sagitar moved twice", "ok", {"staff": "user_sales_cc_demo"}),
    (120, "11:30", "26", "walk_in", "complaint", "waiting_time", "low", "Car not ready at the promised time", "slow",
     {"visit": True}),
    (95, "09:20", "crm_lead_05_demo", "phone", "complaint", "staff_attitude", "medium",
     "The consultant smoked in the car during the test drive", "ok", {"staff": "user_sales_cc_demo"}),
    (75, "10:10", "16", "wechat", "complaint", "vehicle_defect_noise", "medium",
     "Rattle from the rear window on rough roads", "reopen",
     {"resolution": "Window guide adjusted and felt added. 调整导轨并加装毛毡。", "reopen_in": 24}),
    (50, "15:40", "21", "phone", "complaint", "price", "medium", "Charged for brake fluid changed last year", "ok",
     {"sat": "4"}),
    (28, "13:10", "04", "hotline", "inquiry", "sales", "low", "When is the next free safety check campaign?", "answer",
     {"answer": "The winter check runs from 1 December; WeChat reminder sent."}),
    (640, "10:00", "16", "phone", "complaint", "sales_delivery", "medium",
     "Registration papers handed over a month late", "ok", {"staff": "user_sales2_cc_demo"}),
    (380, "14:00", "01", "wechat", "inquiry", "after_sales", "low", "Can the first service be done on a Sunday?",
     "answer", {"answer": "Yes, the workshop opens on Sunday mornings for booked services; booked 9:00."}),
    (230, "09:40", "07", "hotline", "complaint", "vehicle_defect_electrical", "medium",
     "Infotainment screen freezes on cold mornings", "ok", {"sat": "4"}),
    (140, "16:10", "24", "phone", "complaint", "waiting_time", "medium",
     "Official car kept two days for a one-day job", "late", {"visit": True}),
    # ---- Jilin
    (610, "11:00", "31", "hotline", "inquiry", "vehicle_defect_electrical", "low",
     "How far does the GTE drive on electricity in winter?", "answer",
     {"answer": "About 35 km at -20 °C with the cabin preheated on the charger; leaflet sent by WeChat."}),
    (460, "10:30", "28", "phone", "complaint", "after_sales_not_fixed", "medium",
     "Windscreen washer still leaking after the repair", "slow", {"visit": True}),
    (90, "15:20", "37", "sms", "complaint", "staff_attitude", "low", "The advisor did not explain the invoice", "ok",
     {"staff": "user_advisor_jl_demo"}),
    (20, "10:45", "33", "wechat", "complaint", "price", "low", "Battery coding charged on top of the battery", "ok",
     {"sat": "3"}),
    (700, "09:15", "27", "phone", "complaint", "waiting_time", "low", "Oil change took the whole morning", "ok", {}),
    (675, "14:20", "33", "wechat", "inquiry", "price", "low", "Price of new tyres for a Bora?", "answer",
     {"answer": "Four tyres fitted and balanced: 2,360 yuan; appointment offered."}),
    (640, "10:50", "40", "phone", "complaint", "after_sales_not_fixed", "high",
     "Taxi brake noise came back after two days", "late", {"visit": True, "sat": "2"}),
    (600, "16:05", "30", "walk_in", "complaint", "sales_delivery", "medium", "Licence plate appointment missed", "ok",
     {"staff": "user_sales_jl_demo"}),
    (575, "11:25", "36", "hotline", "complaint", "price", "medium", "Labour hours higher than the quote", "ok",
     {"visit": True}),
    (545, "09:35", "37", "phone", "complaint", "vehicle_defect", "medium", "Sagitar judders in first gear", "carmaker",
     {"carmaker": "FAW-VW TC-2025-0687"}),
    (515, "13:55", "43", "phone", "complaint", "parts_availability", "high",
     "Company car waiting ten days for a coolant pump", "slow", {"sat": "2"}),
    (485, "10:30", "38", "sms", "complaint", "staff_attitude", "low", "Nobody called back as promised", "ok",
     {"staff": "user_care_jl_demo"}),
    (445, "15:10", "29", "wechat", "inquiry", "vehicle_defect_electrical", "low", "Parking sensor beeps for no reason",
     "answer", {"answer": "Sensors cleaned at the wash; the beeping was mud. Checked free at the next visit."}),
    (420, "09:45", "44", "phone", "complaint", "after_sales_comeback", "medium",
     "Floor mat left soaked after the bodywork", "ok", {"visit": True}),
    (395, "14:35", "32", "hotline", "complaint", "waiting_time", "medium", "Waited a week for an appointment", "late",
     {}),
    (350, "10:05", "45", "phone", "complaint", "sales_promise", "medium", "Window film promised at purchase", "ok",
     {"staff": "user_sales2_jl_demo"}),
    (315, "11:40", "31", "walk_in", "complaint", "vehicle_defect_electrical", "high",
     "Hybrid warning lamp on, car in limp mode", "carmaker", {"carmaker": "FAW-VW TC-2026-0105", "visit": True}),
    (285, "16:15", "34", "phone", "complaint", "price", "low", "Goodwill promised on the coolant pump was partial",
     "ok", {"sat": "3"}),
    (255, "09:25", "41", "phone", "complaint", "after_sales_not_fixed", "high", "Taxi air conditioning fails again",
     "reopen", {}),
    (225, "13:50", "35", "wechat", "complaint", "staff_attitude", "medium", "Cashier refused a card payment", "ok",
     {"staff": "user_accountant_jl_demo"}),
    (195, "10:40", "crm_lead_09_demo", "phone", "inquiry", "sales", "low",
     "Can I test drive a Sagitar 280 at the weekend?", "answer",
     {"answer": "Test drive booked for Saturday 10:00 with the consultant."}),
    (165, "15:30", "28", "phone", "complaint", "vehicle_defect", "medium", "Gearbox jerks at low speed", "ok", {}),
    (135, "11:05", "39", "hotline", "complaint", "waiting_time", "low", "Recall work took half a day", "ok",
     {"visit": True}),
    (105, "09:50", "42", "phone", "complaint", "parts_availability", "high", "E-Bora waiting for a charging flap",
     "ok", {"sat": "4"}),
    (80, "14:15", "30", "wechat", "complaint", "price", "medium", "Tyre price higher than online", "cancel", {}),
    (60, "10:25", "43", "walk_in", "complaint", "after_sales_comeback", "medium",
     "Radio presets lost after the service", "ok", {"visit": True, "sat": "4"}),
    (35, "16:40", "36", "phone", "complaint", "sales_promise", "medium", "Loyalty points not credited", "ok",
     {"sat": "5"}),
    (12, "11:15", "45", "wechat", "inquiry", "after_sales", "low", "Is the winter check free?", "answer",
     {"answer": "Yes, free for every customer until 31 December; booked."}),
]
# fmt: on

# Still open today: who, channel, category, severity, subject, how far (on_time, response at risk,
# resolution at risk, breached), options
# fmt: off
OPEN_STORIES = [
    ("29", "wechat", "after_sales", "medium", "Engine light came on the day after the service", "on_time", {}),
    ("38", "phone", "waiting_time", "low", "Appointment moved twice by the store", "response_risk", {}),
    ("13", "phone", "price", "medium", "Paid twice for the same brake fluid", "resolution_risk", {}),
    ("44", "hotline", "after_sales_not_fixed", "high", "Sagitar still pulls to the left after alignment", "breached",
     {"staff": "user_technician_jl_demo"}),
    ("10", "wechat", "staff_attitude", "medium", "Security guard shouted at my wife in the car park",
     "breached_response", {}),
]
# fmt: on

# The batch defect of this month on the Sagitar 280 in Changchun: days into the month, vehicle, channel,
# subject, resolved
# fmt: off
GROUP_STORIES = [
    (0.15, "01", "phone", "Noise from the rear door on rough roads", True),
    (0.45, "07", "wechat", "Window rattles, same as my colleague's car", False),
    (0.8, "23", "phone", "Official car: rear window rattles, the director complains", False),
]
# fmt: on

# What the customer said when the complaint was taken, in their words: English, then the Chinese the agent wrote.
# fmt: off
DESCRIPTIONS = {
    "Waited two hours past the booked time":
        "I booked 9:00 for the 10,000 km service and the car was only taken into the workshop at 11:00. Nobody told "
        "me why. 预约九点保养，十一点才进车间，没人解释原因。",
    "The sales consultant promised floor mats that never came":
        "At signing the consultant promised a set of 3D floor mats with the car. Three weeks after delivery, still "
        "nothing, and he does not answer my WeChat. 签约时承诺送脚垫，提车三周仍未兑现，微信也不回。",
    "How much is the 30,000 km service?":
        "My Tayron is at 29,000 km. What does the 30,000 km service cost and how long does it take? "
        "探岳快到三万公里，保养多少钱、需要多长时间？",
    "Grease stains on the driver's seat after the service":
        "I picked the car up after the service and found black grease on the driver's seat and the steering wheel. "
        "The seat is light beige. 保养后驾驶座和方向盘上有黑色油污，座椅是米色的。",
    "Taxi off the road three days waiting for a brake disc":
        "My taxi has been in your workshop for three days because the front brake disc is not in stock. Every day "
        "off the road costs me 600 yuan. 出租车等刹车盘停运三天，每天损失六百元。",
    "Invoice higher than the quote":
        "The advisor quoted 1,450 yuan at reception; the invoice says 1,890. Nobody called me about extra work. "
        "接车报价1450元，结账1890元，增项没有事先告知。",
    "Tayron judders when pulling away in traffic":
        "In stop-and-go traffic the Tayron shakes when it pulls away from a standstill, as if the clutch slipped. "
        "It started at about 8,000 km. 堵车起步时车身抖动，八千公里左右开始出现。",
    "Service advisor was rude on the phone":
        "I called to ask when my car would be ready; the advisor said 'when it's done' and hung up on me. "
        "打电话问进度，服务顾问说“修好了自然通知你”就挂了电话。",
    "Is there a trade-in bonus for a Bora this month?":
        "I want to trade my 2017 Bora for a new Sagitar. Is there a trade-in subsidy this month? "
        "想用2017年的宝来置换速腾，本月有置换补贴吗？",
    "Air conditioning still blows warm after the repair":
        "You recharged the air conditioning last week and charged me for it, but it blows warm air again after two "
        "days. 上周空调加氟收了费，两天后又吹热风。",
    "Charging stops at 80% at home":
        "Since the last software update the car stops charging at 80% on my home wall box, even with the limit set "
        "to 100%. 软件升级后家用充电桩充到80%就停，设置了100%也一样。",
    "Second key and warranty booklet missing at delivery":
        "At delivery I got one key only and no warranty booklet. The consultant said he would send them, that was "
        "ten days ago. 提车只给一把钥匙，没有保修手册，十天了还没补。",
    "No courtesy car although one was promised":
        "The advisor promised me a courtesy car for the two days of the repair; at the counter they said none was "
        "free. 说好维修两天提供代步车，到店却说没有车。",
    "Coolant warning lamp again: is it covered?":
        "The coolant warning lamp came on again, the third time this year. Is the repair covered by the warranty? "
        "冷却液报警灯今年第三次亮，是否在保修范围内？",
    "Paid for a wash that was not done":
        "The invoice has a car wash for 40 yuan, but the car came back dirty. "
        "结算单上有40元洗车费，车却没有洗。",
    "Reception ignored me for twenty minutes":
        "I stood at the service reception for twenty minutes; two advisors were chatting and nobody greeted me. "
        "在接待台站了二十分钟，两名顾问在聊天，没人接待。",
    "Scratch on the door after bodywork":
        "After the bumper repair there is a new 10 cm scratch on the rear left door that was not there before. "
        "钣喷后左后门多了一道十厘米划痕。",
    "Promised first service voucher not honoured":
        "At purchase I was given a free first-service voucher; at the service the cashier said it was not valid. "
        "购车赠送的首保券，结账时说不能用。",
    "Wiper blades out of stock twice":
        "Second visit that I come for wiper blades and you have none for a Sagitar. "
        "第二次来换雨刮片，还是没货。",
    "Paint colour does not match after the accident repair":
        "The repainted front wing is visibly lighter than the bonnet in daylight. "
        "事故维修后喷漆的前翼子板在阳光下明显比引擎盖浅。",
    "Delivery date of the new Sagitar moved twice":
        "I paid the deposit for delivery on the 10th; it moved to the 20th, and now to next month. I had booked "
        "the wedding car. 交了定金说10号交车，改到20号，现在又推到下个月，婚车都订好了。",
    "Car not ready at the promised time":
        "The car was promised for 17:00; at 18:30 it was still on the lift and I missed my train. "
        "承诺五点交车，六点半还在举升机上，误了火车。",
    "The consultant smoked in the car during the test drive":
        "During the test drive the consultant smoked in the car with my child on the back seat. "
        "试驾时销售顾问在车内吸烟，孩子就在后座。",
    "Rattle from the rear window on rough roads":
        "On rough roads the rear left window rattles loudly; it is worse when the window is half open. "
        "颠簸路面左后车窗异响，半开时更明显。",
    "Charged for brake fluid changed last year":
        "You charged me for a brake fluid change; it was done here eleven months ago and the interval is two "
        "years. 去年刚换过刹车油，这次又收费，更换周期是两年。",
    "When is the next free safety check campaign?":
        "Last winter there was a free safety check. Is there one this year, and do I need an appointment? "
        "去年冬季有免费检测，今年有吗？需要预约吗？",
    "Registration papers handed over a month late":
        "The registration certificate and purchase tax papers came a month after delivery; I could not register "
        "the car. 登记证书和购置税凭证晚了一个月，车一直没法上牌。",
    "Can the first service be done on a Sunday?":
        "I work Monday to Saturday. Can the first service be done on a Sunday morning? "
        "周一到周六上班，首保可以周日上午做吗？",
    "Infotainment screen freezes on cold mornings":
        "On cold mornings below -15 °C the centre screen freezes for several minutes; no radio, no reversing camera. "
        "零下十五度以下的早上中控屏死机几分钟，倒车影像也没有。",
    "Official car kept two days for a one-day job":
        "Our official car came in for one day of work and was kept two days; the office had no car for a meeting. "
        "公务车一天的活儿压了两天，影响了单位开会用车。",
    "How far does the GTE drive on electricity in winter?":
        "How far does the Tayron GTE go on electricity alone in Jilin's winter? "
        "探岳GTE在吉林冬天纯电能跑多远？",
    "Windscreen washer still leaking after the repair":
        "The washer fluid reservoir was replaced, but there is still a puddle of blue fluid under the car every "
        "morning. 换了玻璃水壶，每天早上车底还是一滩蓝色液体。",
    "The advisor did not explain the invoice":
        "The invoice has six lines I do not understand and the advisor just said 'standard items'. "
        "结算单上六项看不懂，顾问只说是“常规项目”。",
    "Battery coding charged on top of the battery":
        "I paid for the new battery and then 180 yuan more for 'coding'. Nobody told me at the quote. "
        "换电瓶另收180元编程费，报价时没说。",
    "Oil change took the whole morning":
        "An oil change with an appointment took from 8:30 to 12:00. "
        "预约换机油，从八点半等到十二点。",
    "Price of new tyres for a Bora?":
        "What do four new tyres for a Bora cost, fitted and balanced? "
        "宝来换四条新轮胎含动平衡多少钱？",
    "Taxi brake noise came back after two days":
        "The brakes were redone on Monday; on Wednesday the squeal was back. A taxi cannot keep coming in. "
        "周一修的刹车，周三又响，出租车耽误不起。",
    "Licence plate appointment missed":
        "The consultant booked the plate appointment at the vehicle office but did not come with the papers; I "
        "waited two hours. 约好上牌，销售顾问没带资料来，白等两小时。",
    "Labour hours higher than the quote":
        "The quote said 2 hours of labour, the invoice 3.5 hours for the same job. "
        "报价工时2小时，结算成了3.5小时。",
    "Sagitar judders in first gear":
        "The Sagitar judders in first gear when pulling away on a slope, since about 12,000 km. "
        "速腾一挡坡道起步抖动，一万二公里左右开始。",
    "Company car waiting ten days for a coolant pump":
        "Our company car has been waiting ten days for a coolant pump; we rent a car meanwhile. "
        "公司用车等水泵十天，只能租车。",
    "Nobody called back as promised":
        "I was told someone would call me back about my question on the extended warranty; nobody did in a week. "
        "咨询延保说会回电，一周没人联系。",
    "Parking sensor beeps for no reason":
        "The rear parking sensor beeps continuously even with nothing behind the car. "
        "后雷达在车后没有障碍物时一直报警。",
    "Floor mat left soaked after the bodywork":
        "After the bodywork the driver's floor mat was soaked and the car smells of damp. "
        "钣喷后主驾脚垫湿透，车里有霉味。",
    "Waited a week for an appointment":
        "The earliest service appointment I was offered was a week away, with the engine light on. "
        "发动机故障灯亮，最早只能约到一周后。",
    "Window film promised at purchase":
        "The consultant promised a free window film at purchase; now the store wants 1,200 yuan for it. "
        "购车承诺免费贴膜，现在要收1200元。",
    "Hybrid warning lamp on, car in limp mode":
        "The hybrid system warning lamp came on and the car drives in limp mode at 30 km/h. "
        "混动系统故障灯亮，车辆限速三十公里。",
    "Goodwill promised on the coolant pump was partial":
        "The manager promised the coolant pump free as goodwill; I was charged for the labour. "
        "经理承诺水泵免费，结果收了工时费。",
    "Taxi air conditioning fails again":
        "The taxi's air conditioning fails again, the second time this summer; passengers complain. "
        "出租车空调今夏第二次坏，乘客投诉。",
    "Cashier refused a card payment":
        "The cashier refused my credit card and asked for WeChat Pay or cash. "
        "收银员拒绝刷信用卡，只收微信或现金。",
    "Can I test drive a Sagitar 280 at the weekend?":
        "Can I test drive a Sagitar 280TSI on Saturday morning with my wife? "
        "周六上午能和爱人一起试驾速腾280TSI吗？",
    "Gearbox jerks at low speed":
        "The gearbox jerks between first and second gear at low speed in town. "
        "市区低速一挡升二挡时顿挫。",
    "Recall work took half a day":
        "The recall was announced as a 30-minute job; I waited half a day. "
        "召回通知说半小时，实际等了半天。",
    "E-Bora waiting for a charging flap":
        "The charging flap of my e-Bora broke; the part has been on order for two weeks and I can hardly charge. "
        "e-宝来充电口盖坏了，配件订了两周，充电很不方便。",
    "Tyre price higher than online":
        "Your price for four tyres is 600 yuan above the same tyres online. "
        "店里四条轮胎比网上贵六百元。",
    "Radio presets lost after the service":
        "After the service all radio presets and seat memories were lost. "
        "保养后收音机预设和座椅记忆全部丢失。",
    "Loyalty points not credited":
        "The points of my last two services are not in my club account. "
        "最近两次保养的积分没有到账。",
    "Is the winter check free?":
        "Is the winter check free for every customer, or only for club members? "
        "冬季检测是所有客户免费，还是只对会员？",
    "Engine light came on the day after the service":
        "The engine light came on the day after the 20,000 km service. "
        "两万公里保养后第二天发动机故障灯亮。",
    "Appointment moved twice by the store":
        "The store moved my appointment twice by SMS; I had taken a day off for it. "
        "门店两次短信改约，我专门请了假。",
    "Paid twice for the same brake fluid":
        "Brake fluid is on the invoice twice, once in the package and once as a separate line. "
        "刹车油在结算单上出现两次，套餐里一次，单列一次。",
    "Sagitar still pulls to the left after alignment":
        "After the four-wheel alignment the Sagitar still pulls to the left on the motorway. "
        "四轮定位后高速上仍然跑偏向左。",
    "Security guard shouted at my wife in the car park":
        "The security guard shouted at my wife for parking in the customer car park and made her move. "
        "保安在客户停车场对我爱人大声呵斥，让她挪车。",
    "Noise from the rear door on rough roads":
        "A knocking noise from the rear left door on rough roads, like something loose inside. "
        "颠簸路面左后门内有敲击声，像有东西松了。",
    "Window rattles, same as my colleague's car":
        "The rear window rattles over bumps, exactly like my colleague's Sagitar bought the same month. "
        "后窗过坎异响，和同事同月买的速腾一模一样。",
    "Official car: rear window rattles, the director complains":
        "The director's official car has a rear window rattle; he asked us to have it fixed this week. "
        "领导公务车后窗异响，要求本周处理。",
}
# fmt: on


def play(env):
    """Two years of complaints through the real flow, so that every list and report has data: each complaint
    received, contacted, resolved, reopened at its own date, the deadline job run as the hours passed, then
    today's deadline job and early-warning analysis."""
    story = _DemoComplaints(env)
    story.plan()
    story.play()
    story.finish()


class _DemoComplaints(DemoTimeline):
    def __init__(self, env):
        super().__init__(env)
        self.today = self.local_day(self.now)

    # helpers

    @property
    def Complaint(self):
        return self.env["dealer.complaint"].sudo()

    def ref(self, xmlid):
        if "." in xmlid:
            return self.env.ref(xmlid)
        return self.env.ref(f"{CRM}.{xmlid}", raise_if_not_found=False) or self.env.ref(f"dealer_service.{xmlid}")

    def category(self, key):
        return self.env.ref(f"dealer_complaints.dealer_complaint_category_{key}")

    def working(self, moment):
        """The next Beijing working moment (Monday to Friday, 9:00 to 17:30) from `moment`."""
        local = moment + BEIJING
        if local.hour >= 17 and local.minute >= 30 or local.hour >= 18:
            local = datetime.combine(local.date() + timedelta(days=1), time(9, 10))
        elif local.hour < 9:
            local = datetime.combine(local.date(), time(9, 10))
        while local.weekday() >= 5:
            local += timedelta(days=1)
        return local - BEIJING

    # planning

    def plan(self):
        for days, hour, who, channel, kind, category, severity, subject, flow, options in STORIES:
            received = self.at(self.today - timedelta(days=days), hour)
            self.schedule(
                received,
                self._story(received, who, channel, kind, category, severity, subject, flow, dict(options)),
            )
        for who, channel, category, severity, subject, how, options in OPEN_STORIES:
            self._plan_open(who, channel, category, severity, subject, how, options)
        # the group's complaints fall in one month: this one, or the last one early in a month (then that
        # month's last nightly analysis saw them)
        month_start = self.at(self.today.replace(day=1), "08:00")
        month_end = self.now - timedelta(hours=6)
        if self.today.day < 8:
            month_end = month_start - timedelta(hours=10)
            month_start = self.at(self.local_day(month_end).replace(day=1), "08:00")
            self.schedule(month_end + timedelta(hours=1), self._analysis_job)
        for share, who, channel, subject, resolved in GROUP_STORIES:
            received = (month_start + (month_end - month_start) * share).replace(second=0, microsecond=0)
            self.schedule(received, self._group_story(received, who, channel, subject, resolved))
        comeback = self._comeback_visit()
        if comeback:
            moment = self.at(self.local_day(comeback.date_planned) + timedelta(days=4), "10:40")
            self.schedule(moment, self._comeback_story(comeback))
        for visit in self._unhappy_visits():
            answer = visit.survey_user_input_id
            moment = answer.end_datetime
            if moment and moment < self.now - timedelta(hours=1):
                self.schedule(moment, self._survey_story(visit, moment))

    def _plan_open(self, who, channel, category, severity, subject, how, options):
        vehicle = self.ref(f"fleet_vehicle_{who}_demo")
        company = vehicle.company_id
        hours = company._dealer_complaint_resolution_hours(severity)
        plan = self.Complaint._dealer_plan
        contact = True
        if how == "on_time":
            received, contact = self.now - timedelta(hours=3), False
        elif how == "response_risk":
            received, contact = plan(company, self.now, -0.85 * company.dealer_complaint_response_hours), False
        elif how == "resolution_risk":
            received = plan(company, self.now, -0.85 * hours)
        elif how == "breached":
            received = self.now - timedelta(days=12)
        else:  # breached_response: nobody called the customer back
            received, contact = self.now - timedelta(days=6), False
        options.update(contact=contact)
        received = received.replace(second=0, microsecond=0)
        self.schedule(
            received, self._story(received, who, channel, "complaint", category, severity, subject, how, options)
        )

    def _comeback_visit(self):
        """The brake repair of car 06 whose squeal came back (dealer_service's demo): the customer complained
        during the follow-up call."""
        visits = (
            self.env["dealer.service.visit"]
            .sudo()
            .search(
                [
                    ("vehicle_id", "=", self.ref("fleet_vehicle_06_demo").id),
                    ("visit_type", "=", "repair"),
                    ("state", "not in", ("appointment", "cancelled")),
                    ("date_planned", ">=", self.now - timedelta(days=40)),
                    ("date_planned", "<", self.now - timedelta(days=27)),
                ],
                order="date_planned",
                limit=1,
            )
        )
        return visits

    def _comeback_story(self, visit):
        complaint = (
            self.current(visit)
            .sudo()
            ._dealer_open_complaints(
                "phone", "The brakes squeal again; he had to come back. 刹车又响了，客户不满需要返厂。"
            )
        )
        if not complaint:
            return
        complaint.write(
            {
                "category_id": self.category("after_sales_not_fixed").id,
                "subject": "Brakes squeal again after the brake pad replacement",
            }
        )
        yield from self._flow(
            complaint,
            "after_sales_not_fixed",
            "ok",
            {"resolution": "Pads and discs redone free of charge (goodwill), road test with the customer. 免费返修。"},
        )

    def _unhappy_visits(self):
        stores = self.ref("company_changchun_store_demo") | self.ref("company_jilin_store_demo")
        visits = (
            self.env["dealer.service.visit"]
            .sudo()
            .search([("company_id", "in", stores.ids), ("low_satisfaction_notified", "=", True)], order="date_planned")
        )
        return visits

    # the scripts: each yields the moment of its next step

    def _values(self, who, channel, kind, category, severity, subject, options, received):
        values = {
            "channel": channel,
            "kind": kind,
            "category_id": self.category(category).id,
            "severity": severity,
            "subject": subject,
            "description": DESCRIPTIONS[subject],
            "date_received": received,
        }
        if who.startswith("crm_lead"):
            lead = self.ref(who)
            values.update(company_id=lead.company_id.id, lead_id=lead.id)
            if lead.partner_id:
                values["partner_id"] = lead.partner_id.id
            else:
                values.update(contact_name=lead.contact_name or lead.name, contact_phone=lead.phone)
        else:
            vehicle = self.ref(f"fleet_vehicle_{who}_demo")
            values.update(company_id=vehicle.company_id.id, partner_id=vehicle.owner_id.id, vehicle_id=vehicle.id)
            if options.get("visit"):
                visit = (
                    self.env["dealer.service.visit"]
                    .sudo()
                    .search(
                        [
                            ("vehicle_id", "=", vehicle.id),
                            ("date_planned", "<", received - timedelta(hours=6)),
                            ("state", "not in", ("appointment", "cancelled")),
                        ],
                        order="date_planned desc",
                        limit=1,
                    )
                )
                values["visit_id"] = visit.id
        if options.get("staff"):
            values["staff_user_id"] = self.ref(f"{options['staff']}").id
        if kind == "inquiry":
            company = self.env["res.company"].browse(values["company_id"])
            values["user_id"] = self._care(company).id
        return values

    def _story(self, received, who, channel, kind, category, severity, subject, flow, options):
        complaint = self.Complaint.create(
            self._values(who, channel, kind, category, severity, subject, options, received)
        )
        if options.get("note"):
            self.env["dealer.complaint.note"].sudo().create({"complaint_id": complaint.id, "body": options["note"]})
        yield from self._flow(complaint, category, flow, options)

    def _group_story(self, received, who, channel, subject, resolved):
        group = self.env.ref("dealer_complaints.dealer_complaint_group_window_demo")
        values = self._values(who, channel, "complaint", "vehicle_defect_noise", "medium", subject, {}, received)
        complaint = self.Complaint.create({**values, "group_id": group.id})
        yield self.working(received + timedelta(hours=2))
        complaint = self.current(complaint)
        self._contact(complaint)
        if not resolved:
            return
        yield self.working(received + timedelta(hours=26))
        complaint = self.current(complaint)
        self._resolve(complaint, "vehicle_defect_noise", {})
        yield self.working(received + timedelta(days=2))
        complaint = self.current(complaint)
        complaint.with_user(self._care(complaint.company_id)).sudo().write({"customer_satisfaction": "4"})

    def _survey_story(self, visit, moment):
        complaint = self.current(visit).sudo()._dealer_open_complaints("survey")
        if not complaint:
            return
        yield from self._flow(
            complaint, "after_sales", "ok" if moment < self.now - timedelta(days=10) else "on_time", {}
        )

    def _care(self, company):
        """The store's customer-relations agent: answers the inquiries, records the customer's satisfaction."""
        code = "cc" if company == self.ref("company_changchun_store_demo") else "jl"
        return self.ref(f"user_care_{code}_demo")

    def _contact(self, complaint):
        complaint.with_user(complaint.user_id or self._care(complaint.company_id)).sudo().action_contacted()

    def _resolve(self, complaint, category, options):
        resolution, cause, action = OUTCOMES[category]
        complaint.write(
            {
                "resolution": options.get("resolution") or resolution,
                "root_cause": cause,
                "corrective_action": action,
            }
        )
        complaint.with_user(complaint.user_id or self._care(complaint.company_id)).sudo().action_resolve()

    def _flow(self, complaint, category, flow, options):
        """The complaint's life after its intake, as its story's flow tells (see STORIES)."""
        received = complaint.date_received
        self._plan_sla(complaint)
        owner = complaint.user_id or self._care(complaint.company_id)
        if flow in ("cancel", "answer"):
            yield from self._close_at_once(complaint, owner, flow, options)
            return
        if flow == "convert":
            yield self.working(received + timedelta(hours=2))
            complaint = self.current(complaint)
            complaint.with_user(owner).sudo().action_convert_to_complaint()
            self._plan_sla(complaint)
            flow = "carmaker"
            options["carmaker"] = "FAW-VW TC-2025-0951"
        if flow.startswith("breached_response"):
            return
        late = flow in ("late", "breached")
        if options.get("contact", True):
            yield self.working(received + timedelta(days=6 if late else 0, hours=2))
            complaint = self.current(complaint)
            self._contact(complaint)
        if flow in ("on_time", "response_risk", "resolution_risk", "breached"):
            return
        if flow == "carmaker":
            yield self.working(received + timedelta(days=1, hours=3))
            complaint = self.current(complaint)
            complaint.carmaker_reference = options["carmaker"]
            complaint.with_user(complaint.user_id).sudo().action_request_carmaker()
        low = complaint.severity == "low"
        days = {"late": 18 if low else 12, "slow": 16 if low else 9}.get(flow, 1 if complaint.severity == "high" else 2)
        yield self.working(received + timedelta(days=days, hours=3))
        complaint = self.current(complaint)
        self._resolve(complaint, category, options)
        if flow == "reopen" and not (yield from self._reopen(complaint, category, options)):
            return
        yield self.working(complaint.date_resolved + timedelta(days=1))
        complaint = self.current(complaint)
        satisfaction = options.get("sat") or ("3" if late or flow == "slow" else ("5" if complaint.id % 3 else "4"))
        complaint.with_user(self._care(complaint.company_id)).sudo().write({"customer_satisfaction": satisfaction})

    def _close_at_once(self, complaint, owner, flow, options):
        """A duplicate cancelled, or an inquiry answered, within hours."""
        if flow == "cancel":
            yield self.working(complaint.date_received + timedelta(hours=3))
            complaint = self.current(complaint)
            complaint.message_post(body=CHATTER["duplicate"])
            complaint.with_user(owner).sudo().action_cancel()
            return
        yield self.working(complaint.date_received + timedelta(hours=1, minutes=20))
        complaint = self.current(complaint)
        complaint.resolution = options["answer"]
        complaint.with_user(owner).sudo().action_answer()

    def _reopen(self, complaint, category, options):
        """The problem is back: reopened, then resolved again, or joined to the rattling windows' group (which
        is still open). Returns whether it was resolved again."""
        yield self.working(complaint.date_resolved + timedelta(days=options.get("reopen_in", 10)))
        complaint = self.current(complaint)
        complaint.message_post(body=CHATTER["back"])
        complaint.with_user(complaint.user_id).sudo().action_reopen()
        self._plan_sla(complaint)
        if category == "vehicle_defect_noise":
            complaint.group_id = self.env.ref("dealer_complaints.dealer_complaint_group_window_demo")
            return False
        yield self.working(self.moment + timedelta(days=2))
        complaint = self.current(complaint)
        self._resolve(
            complaint,
            category,
            {"resolution": "Redone by the foreman, road test with the customer. 班组长返修并陪同试车。"},
        )
        return True

    def _plan_sla(self, complaint):
        """The hourly deadline job, run just after each of the complaint's reminders and deadlines."""
        for field in (
            "date_response_risk",
            "date_response_deadline",
            "date_resolution_risk",
            "date_resolution_deadline",
        ):
            moment = complaint[field]
            if moment and moment < self.now:
                self.schedule(moment + timedelta(minutes=5), self._sla_job)

    def _sla_job(self):
        self.Complaint._cron_dealer_sla()

    def _analysis_job(self):
        self.env["dealer.complaint.warning"]._dealer_analyse(self.local_day(self.moment))

    # today

    def finish(self):
        """Today's deadline job and nightly early-warning analysis."""
        self.Complaint._cron_dealer_sla()
        self.Complaint._cron_dealer_early_warning()
