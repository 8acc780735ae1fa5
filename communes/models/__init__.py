"""The registry's models, one module per area: units and villages, the programme (phases, legal
documents, designations, figures), and the offices that issue documents."""

from communes.models.offices import EthnicAffairsOffice  # noqa: F401
from communes.models.programme import (  # noqa: F401
    VILLAGE_CATEGORIES,
    Category,
    Designation,
    LegalDocument,
    Phase,
    Programme,
    ProgrammeComponent,
    YearFigures,
)
from communes.models.units import REFORM_FIRST_NEW_DAY, REFORM_LAST_OLD_DAY, Unit, UnitLineage, Village  # noqa: F401
