from p135portal.forms import GuardedModelForm
from trainings.models import Rules, Topic


class RulesForm(GuardedModelForm):
    class Meta:
        model = Rules
        fields = ["phase", "legal_basis", "max_days_officials", "max_days_community", "max_study_tour_share"]
        localized_fields = ["max_study_tour_share"]


class TopicForm(GuardedModelForm):
    class Meta:
        model = Topic
        fields = ["name", "audience", "active"]
