package rules

// c1Incidents are the messages carrying Consignment/Incident; IE007 only in
// phase 5.
var c1Incidents = []string{"CC007C", "CC043C", "CC182C"}

// c1LocationTypes are the messages with Consignment/LocationOfGoods.
var c1LocationTypes = []string{"CC007C", "CC013C", "CC015C", "CC029C", "CC170C"}

// c1Declarations are the messages carrying the whole declaration
// (amendment, declaration, release for transit), which most conditions on
// declaration data apply to.
var c1Declarations = []string{"CC013C", "CC015C", "CC029C"}

// c1Types joins message type lists.
func c1Types(lists ...[]string) []string {
	var out []string
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

// c2Msgs lists NCTS message types (CC013C ...) from their IE numbers.
func c2Msgs(ies ...string) []string {
	out := make([]string, len(ies))
	for i, ie := range ies {
		out[i] = "CC" + ie + "C"
	}
	return out
}

// ctcProfiles are the NCTS phases whose messages HMRC's validator takes.
var ctcProfiles = []string{"ctc-p5", "ctc-p6"}

// Trader requests by the office that routes them: HMRC sends a departure to
// the country of its office of departure, an arrival to that of its actual
// office of destination.
var (
	departureRequests = []string{"CC013C", "CC014C", "CC015C", "CC170C"}
	arrivalRequests   = []string{"CC007C", "CC044C"}
	requests          = append(append([]string{}, arrivalRequests...), departureRequests...)
)

// ctcMRNTypes are the messages with an MRN-typed element, phases 4 to 6.
var ctcMRNTypes = []string{
	"CC004C", "CC007C", "CC009C", "CC013C", "CC014C", "CC015C", "CC017C", "CC019C", "CC022C", "CC023C",
	"CC025C", "CC028C", "CC029C", "CC035C", "CC040C", "CC042C", "CC043C", "CC044C", "CC045C", "CC048C",
	"CC051C", "CC055C", "CC056C", "CC057C", "CC060C", "CC170C", "CC182C", "CC190C", "CC191C", "CC906C",
	"CC928C",
	"CC007A", "CC008A", "CC009A", "CC014A", "CC025A", "CC028A", "CC029B", "CC043A", "CC044A", "CC045A",
	"CC051B", "CC054A", "CC055A", "CC058A", "CC060A",
}

// rMRNPrevDocTypes are the messages whose house consignments carry an
// export declaration as previous document (R0416).
var rMRNPrevDocTypes = []string{"CC013C", "CC015C", "CC029C", "CC043C"}

// Message type groups of the NCTS rules, as HMRC's tables attach them.
var (
	rDecl       = []string{"CC013C", "CC015C"}
	rDecl29     = []string{"CC013C", "CC015C", "CC029C"}
	rDecl2943   = []string{"CC013C", "CC015C", "CC029C", "CC043C"}
	rDecl170    = []string{"CC013C", "CC015C", "CC029C", "CC170C"}
	rTransport  = []string{"CC013C", "CC015C", "CC029C", "CC043C", "CC170C"}
	rGoods      = []string{"CC013C", "CC015C", "CC025C", "CC029C", "CC043C"}
	rUnloadRecv = []string{"CC025C", "CC044C"}
)
