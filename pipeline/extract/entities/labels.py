"""General word lists the entity rules read: labels, titles, roles, cue verbs, name parts.

Only general vocabulary lives here (honorifics, job titles, reporting verbs, organisation
suffixes, common given names); never a name taken from a particular article.
"""

from __future__ import annotations

# Named things only. DATE, TIME, CARDINAL, ORDINAL, QUANTITY, MONEY and PERCENT are values,
# not entities: the dates component reads DATE/TIME from doc.ents itself.
ENTITY_LABELS: tuple[str, ...] = (
    "PERSON",
    "ORG",
    "GPE",
    "LOC",
    "NORP",
    "FAC",
    "PRODUCT",
    "EVENT",
    "WORK_OF_ART",
    "LAW",
    "LANGUAGE",
)

# Forms of address written before a name ("Mr. Smith", "Sen. Warren"); lower-case, no dot.
HONORIFICS = frozenset(
    """mr mrs ms miss mx dr prof sen rep gov lt col gen capt sgt cpl adm maj cmdr rev fr sr
    sir dame president senator governor congressman congresswoman representative judge
    mayor chancellor secretary minister premier ambassador pope rabbi imam sheikh
    professor doctor detective officer sheriff general admiral captain colonel sergeant
    lieutenant commissioner councilman councilwoman speaker chairman chairwoman""".split()
)

# Nouns naming a person's role; written right before a name ("developer Jane Roe") or as an
# apposition ("Jane Roe, a developer,") they mark the name as a PERSON. Lemmas, lower-case.
ROLE_NOUNS = frozenset(
    """developer maintainer engineer programmer scientist researcher professor lecturer
    teacher student analyst economist strategist consultant adviser advisor spokesman
    spokeswoman spokesperson representative reporter journalist editor columnist writer
    author correspondent commentator critic host anchor producer director actor actress
    singer musician artist photographer designer architect lawyer attorney counsel judge
    prosecutor officer detective investigator agent soldier veteran commander general
    captain pilot doctor physician surgeon nurse dentist pharmacist therapist psychologist
    ceo cfo cto coo founder cofounder co-founder chairman chairwoman chair president
    vice-president vp chief executive manager head leader boss owner partner investor
    entrepreneur banker trader broker employee worker staffer aide assistant secretary
    minister senator congressman congresswoman lawmaker legislator politician candidate
    nominee governor mayor councilman councilwoman ambassador diplomat envoy official
    activist advocate organizer campaigner volunteer member fellow expert specialist
    historian philosopher theologian priest pastor bishop rabbi imam monk nun coach
    player athlete captain champion winner inventor creator hacker administrator
    contributor collaborator colleague friend wife husband son daughter mother father
    brother sister spouse widow resident citizen voter supporter opponent critic
    """.split()
)

# Verbs whose subject is usually a speaker: "X said", "X told", "X added".
SPEECH_VERBS = frozenset(
    """say tell add explain note observe argue claim insist recall remark reply respond
    answer ask write tweet comment admit acknowledge concede warn caution suggest state
    declare stress emphasize emphasise contend maintain believe think joke quip recount
    describe complain conclude continue predict testify""".split()
)

# Verbs after which "in X" / "to X" names a language: "written in X", "ported to X".
LANGUAGE_VERBS = frozenset(
    """write rewrite code program implement port translate migrate compile convert""".split()
)

# Capitalised last word of an event name ("Open Source Summit"); lower-case after a name and
# a year ("the 2020 X meeting") it marks an event too.
EVENT_NOUNS = frozenset(
    """summit conference meeting convention symposium forum expo exposition festival
    olympics championship championships cup tournament marathon workshop hackathon gala
    awards election elections war""".split()
)

# Last word of an organisation's name.
ORG_SUFFIXES = frozenset(
    """inc inc. corp corp. corporation co co. company companies ltd ltd. llc plc gmbh ag sa
    group foundation association institute university college school academy agency
    department ministry council committee commission party bank fund trust society
    union federation league alliance coalition board bureau office authority services
    service systems technologies labs laboratories network networks partners holdings
    industries enterprises consortium organization organisation project energy mining coal
    oil gas petroleum healthcare health media capital financial insurance motors airlines
    airways lines pharmaceuticals pharma entertainment communications software electric steel
    foods brands studios records resources solutions logistics ventures bancorp""".split()
)

# Lower-case words allowed inside a proper name ("Bank of America", "Ludwig van Beethoven").
NAME_CONNECTORS = frozenset(
    "of for and the de del della di da do dos das du van von der den la le al el bin ibn & y".split(
        " "
    )
)

# Generational suffixes that are not a surname ("Martin Luther King Jr.").
NAME_SUFFIXES = frozenset("jr jr. sr sr. ii iii iv v".split())

# Common given names (international, lower-case). A two-word name that starts with one is
# very likely a person, whatever the model's label.
FIRST_NAMES = frozenset(
    """aaron abby abdul abraham ada adam adrian ahmed aidan aisha alan albert alberto alejandro
    alex alexander alexandra alexis alfred ali alice alicia alison allan allen alma amanda amber
    amelia amy ana andre andrea andreas andrew andy angela angelo anita ann anna anne annie
    anthony antoine antonio april arthur ashley audrey austin barbara barry ben benjamin bernard
    bernie beth betty bill billy bob bobby bonnie boris brad bradley brandon brenda brian
    bridget brittany bruce bruno bryan caitlin calvin cameron carl carla carlos carmen carol
    caroline carolyn carrie casey catherine cathy charles charlie charlotte chelsea cheryl chris
    christian christina christine christopher chuck cindy claire clara claude claudia clint
    colin connie connor craig cristina crystal cynthia dale dan dana daniel daniela danielle
    danny darren dave david dean deborah debbie debra denis dennis derek diana diane diego
    dmitri dominic don donald donna doris dorothy doug douglas dylan ed eddie edgar eduardo
    edward edwin elaine eleanor elena eli elijah elizabeth ella ellen emily emma emmanuel
    enrique eric erica erik erin ernest ethan eugene eva evan evelyn fatima felix fernando
    florence frances francesca francesco francis francisco frank franklin fred frederick
    gabriel gabriela gail gareth gary gavin gene geoffrey george georgia gerald gerard gina
    giovanni giuseppe glenn gloria gordon grace graham greg gregory guido gustavo hannah hans
    harold harriet harry hassan heather hector heidi helen helena henry herbert hillary holly
    howard hugh hugo ian igor ingrid irene isaac isabel isabella ivan jack jackie jacob
    jacques jake james jamie jan jane janet janice jared jason javier jay jean jeanne jeff
    jeffrey jen jennifer jenny jeremy jerome jerry jesse jessica jesus jill jim jimmy jo joan
    joanna joe joel johan johann john johnny jon jonathan jordan jorge jose joseph josh joshua
    joy joyce juan judith judy julia julian julie juliet justin karen karin karl kate
    katherine kathleen kathryn kathy katie kay keith kelly ken kenneth kevin kim kimberly kirk
    kristen kurt kyle larry laura lauren laurent lawrence leah lee leo leon leonard leslie
    lewis liam lily linda lindsey lisa liz lois lorenzo lori louis louise lucas lucy luis
    luke lynn madeleine maggie malcolm marc marco marcus margaret maria mariana marie marilyn
    mario marion mark marsha martha martin marvin mary matt matthew maureen max maxine megan
    melissa michael michel michele michelle miguel mike mikhail mila mildred mitch
    mitchell mohamed mohammed monica morgan muhammad nancy naomi natalie natasha nathan neil
    nelson nicholas nick nicola nicolas nicole nigel nikki nina noah noel norman olga oliver
    olivia omar oscar owen pablo pam pamela paolo pat patricia patrick paul paula pedro peggy
    penny peter phil philip philippe phillip pierre priya rachel rafael rahul ralph ramon
    randy raul ray raymond rebecca reggie rex ricardo richard rick ricky rita rob robert
    roberta roberto robin rod roger roland ron ronald rosa rose ross roy ruby rudy rupert russ
    russell ruth ryan sally sam samantha samuel sandra sandy sara sarah scott sean sebastian
    sergei sergey seth shannon sharon shawn sheila shirley simon sofia sonia sophia sophie
    stacy stan stanley stefan stella stephanie stephen steve steven stuart sue susan suzanne
    sylvia tamara tammy tanya ted teresa terry theodore theresa thomas tim timothy
    tina todd tom tommy tony tracy travis trevor troy tyler valerie vanessa vera veronica
    victor victoria vincent virginia vladimir walter wanda warren wayne wendy wesley william
    willie xavier yolanda yuri yusuf zach zachary zoe""".split()
)
