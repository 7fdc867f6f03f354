// Package hmrcvalidator words customslint's findings as HMRC's
// transit-movements-validator words its answers, for the endpoint of
// `customslint serve` that stands in for that service
// (POST /messages/{IEnnn}/validation): which APIVersion values it takes,
// its JSON Schema validator's messages and definition names, its XML
// validator's messages and positions, and its JSON parser's messages for
// JSON that does not parse. It holds no state beyond caches.
package hmrcvalidator
