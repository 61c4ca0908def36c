package form_test

import (
	"fmt"

	"github.com/partnerkit/partnerkit/wasm/form"
)

func ExampleCompile() {
	schema := []byte(`{
	  "type": "object",
	  "required": ["model"],
	  "properties": {
	    "name": {"type": "string", "title": "Partnership name"},
	    "model": {"enum": ["hub-and-spoke", "broad-area", "formal-structure"]},
	    "start": {"type": "string", "format": "date"},
	    "tags": {"type": "array", "items": {"type": "string"}, "contains": {"const": "urgent"}}
	  }
	}`)
	root, err := form.Compile(schema, nil)
	if err != nil {
		panic(err)
	}
	for _, f := range root.Properties {
		fmt.Printf("%s: %s, shown as %s\n", f.Label(), f.Kind, f.Widget)
	}
	// Output:
	// Partnership name: string, shown as text
	// Model: string, shown as radios
	// Start: string, shown as date
	// Tags: array, shown as list
}

func ExampleForm_Input() {
	root, err := form.ForSchema("mou")
	if err != nil {
		panic(err)
	}
	f := form.New(root, "mou")
	_ = f.Input("/missionStatement", "Together we widen access to science.")
	_ = f.Input("/finance/budget", "8000")
	item, _ := f.Add("/objectives")
	_ = f.Input(item+"/id", "o1")
	fmt.Print(string(f.JSON()))
	fmt.Println(f.Place("/objectives/0/measure/target"), f.Target("/partnership/model"))
	// Output:
	// {
	//   "missionStatement": "Together we widen access to science.",
	//   "partnership": {},
	//   "term": {},
	//   "objectives": [
	//     {
	//       "id": "o1"
	//     }
	//   ],
	//   "finance": {
	//     "currency": "GBP",
	//     "budget": 8000
	//   }
	// }
	// /objectives/0/measure/target mou__partnership__model-0
}
