"""The wording of the messages to workers, in Chinese; supervisors edit it in the admin afterwards. Rows that
exist already are left as they are (an edited text is never overwritten)."""

from django.db import migrations

TEMPLATES = [
    ("case_registered", "投诉登记后", "query_code",
     "您的劳动保障投诉已登记，案件编号${case_number}，查询码${query_code}。凭案件编号和查询码可在“案件查询”页面查看办理进度，请妥善保管。"),
    ("referral_accepted", "案件由承办机构接收后", "organization",
     "您的案件${case_number}已由${organization}接收办理。"),
    ("application_accepted", "仲裁申请受理后", "",
     "您的劳动人事争议仲裁申请（案件${case_number}）已受理，受理通知书将送达您。"),
    ("application_rejected", "仲裁申请不予受理后", "",
     "您的劳动人事争议仲裁申请（案件${case_number}）不予受理，不予受理通知书将送达您，请留意通知书载明的救济途径。"),
    ("hearing_scheduled", "确定开庭时间地点后", "date,time,place",
     "案件${case_number}定于${date} ${time}在${place}开庭，请按时到庭。开庭通知书将另行送达。"),
    ("mediation_session_scheduled", "确定调解时间地点后", "date,time,place",
     "案件${case_number}定于${date} ${time}在${place}进行调解，请按时参加。"),
    ("award_issued", "作出仲裁裁决后", "",
     "案件${case_number}已作出仲裁裁决，裁决书将送达您。"),
    ("penalty_decided", "劳动保障监察作出处理决定后", "",
     "案件${case_number}：劳动保障监察机构已对用人单位作出处理决定。"),
    ("lawyer_assigned", "指派法律援助律师后", "lawyer",
     "案件${case_number}：法律援助机构已为您指派律师${lawyer}，律师将与您联系。"),
    ("agreement_confirmed", "调解协议经法院司法确认后", "",
     "案件${case_number}：您的调解协议已经人民法院司法确认。"),
]


def forward(apps, schema_editor):
    MessageTemplate = apps.get_model("notifications", "MessageTemplate")
    for key, description, variables, text in TEMPLATES:
        MessageTemplate.objects.get_or_create(
            key=key, defaults={"description": description, "variables": variables, "text": text},
        )


class Migration(migrations.Migration):
    dependencies = [("notifications", "0001_worker_messages")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
