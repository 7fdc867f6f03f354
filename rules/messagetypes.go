package rules

// Message type sets of the CTC rules, named after what the messages hold.
// HMRC's tables attach most NCTS rules and conditions to one of them.

// ctcProfiles are the NCTS phases whose messages HMRC's validator takes.
var ctcProfiles = []string{"ctc-p5", "ctc-p6"}

var (
	// departureDeclarations are the declaration (IE015) and its amendment
	// (IE013).
	departureDeclarations = []string{"CC013C", "CC015C"}
	// declarationMessages carry the whole declaration: amendment,
	// declaration and release for transit (IE029).
	declarationMessages = []string{"CC013C", "CC015C", "CC029C"}
	// declarationAndUnloadingMessages carry the declaration's consignment:
	// the declaration messages and the unloading permission (IE043).
	declarationAndUnloadingMessages = []string{"CC013C", "CC015C", "CC029C", "CC043C"}
	// declarationAndPresentationMessages are the declaration messages and
	// the presentation notification (IE170).
	declarationAndPresentationMessages = []string{"CC013C", "CC015C", "CC029C", "CC170C"}
	// transportMessages carry the consignment's transport data: the
	// declaration messages, the unloading permission and the presentation
	// notification.
	transportMessages = []string{"CC013C", "CC015C", "CC029C", "CC043C", "CC170C"}
	// goodsItemMessages carry consignment items: the declaration messages,
	// the goods release notification (IE025) and the unloading permission.
	goodsItemMessages = []string{"CC013C", "CC015C", "CC025C", "CC029C", "CC043C"}
	// unloadingOutcomeMessages are the goods release notification (IE025)
	// and the unloading remarks (IE044).
	unloadingOutcomeMessages = []string{"CC025C", "CC044C"}
	// incidentMessages carry Consignment/Incident: arrival notification
	// (IE007, phase 5 only), unloading permission (IE043) and incident
	// notification (IE182).
	incidentMessages = []string{"CC007C", "CC043C", "CC182C"}
	// locationOfGoodsMessages carry Consignment/LocationOfGoods.
	locationOfGoodsMessages = []string{"CC007C", "CC013C", "CC015C", "CC029C", "CC170C"}
)

// Trader requests by the office that routes them: HMRC sends a departure to
// the country of its office of departure, an arrival to that of its actual
// office of destination.
var (
	departureRequests = []string{"CC013C", "CC014C", "CC015C", "CC170C"}
	arrivalRequests   = []string{"CC007C", "CC044C"}
	traderRequests    = append(append([]string{}, arrivalRequests...), departureRequests...)
)

// mrnMessages are the messages with an MRN-typed element, phases 4 to 6.
var mrnMessages = []string{
	"CC004C", "CC007C", "CC009C", "CC013C", "CC014C", "CC015C", "CC017C", "CC019C", "CC022C", "CC023C",
	"CC025C", "CC028C", "CC029C", "CC035C", "CC040C", "CC042C", "CC043C", "CC044C", "CC045C", "CC048C",
	"CC051C", "CC055C", "CC056C", "CC057C", "CC060C", "CC170C", "CC182C", "CC190C", "CC191C", "CC906C",
	"CC928C",
	"CC007A", "CC008A", "CC009A", "CC014A", "CC025A", "CC028A", "CC029B", "CC043A", "CC044A", "CC045A",
	"CC051B", "CC054A", "CC055A", "CC058A", "CC060A",
}
