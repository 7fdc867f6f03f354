package jsondoc

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"
)

// message is a JSON text of a message's shape: n consignment items of a
// few members each.
func message(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"n1:CC015C": {"messageSender": "GB123456789000", "Consignment": {"ConsignmentItem": [`)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `{"goodsItemNumber": %d, "declarationType": "T1", "Commodity": {"descriptionOfGoods": "Item \u00e9 %d", "GoodsMeasure": {"grossMass": 12.50, "netMass": 10}}, "Packaging": [{"typeOfPackages": "BX", "numberOfPackages": 2}]}`, i+1, i)
	}
	b.WriteString("]}}}")
	return b.Bytes()
}

// BenchmarkDecode decodes a message of 999 items (about 190 KB); compare
// with BenchmarkEncodingJSON.
func BenchmarkDecode(b *testing.B) {
	data := message(999)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decode(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEncodingJSON decodes the same message with encoding/json (as
// the engine did, before positions were indexed in another pass).
func BenchmarkEncodingJSON(b *testing.B) {
	data := message(999)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			b.Fatal(err)
		}
	}
}
