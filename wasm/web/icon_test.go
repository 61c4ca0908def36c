package web

import (
	"bytes"
	"encoding/json"
	"flag"
	"image"
	"image/color"
	"image/png"
	"io/fs"
	"os"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "draw the PNG icons again and write them")

// iconSizes are the PNG icons the manifest lists beside icon.svg: the
// sizes Chromium asks of an installable page.
var iconSizes = []int{192, 512}

func iconName(size int) string { return "icon-" + strconv.Itoa(size) + ".png" }

// drawIcon draws icon.svg at size × size pixels: a dark square with
// rounded corners, a blue band along the bottom and a white "P", each
// pixel the average of 4 × 4 samples.
func drawIcon(size int) *image.NRGBA {
	var (
		dark  = [4]float64{0x0b, 0x0c, 0x0c, 255}
		blue  = [4]float64{0x1d, 0x70, 0xb8, 255}
		white = [4]float64{255, 255, 255, 255}
	)
	in := func(x, y, x0, y0, x1, y1 float64) bool { return x >= x0 && x < x1 && y >= y0 && y < y1 }
	disc := func(x, y, cx, cy, r float64) bool { return (x-cx)*(x-cx)+(y-cy)*(y-cy) < r*r }
	// at is the colour of icon.svg at (x, y), in its 512 × 512 view box.
	at := func(x, y float64) [4]float64 {
		const r = 64 // the square's corners
		corner := func(cx, cy float64) bool { return !disc(x, y, cx, cy, r) }
		switch {
		case in(x, y, 0, 432, 512, 512):
			return blue // drawn over the rounded corners: square at the bottom
		case x < r && y < r && corner(r, r), x >= 512-r && y < r && corner(512-r, r):
			return [4]float64{}
		}
		bowl := in(x, y, 136, 120, 264, 296) || x >= 264 && disc(x, y, 264, 208, 88)
		stem := in(x, y, 136, 296, 200, 392)
		hole := in(x, y, 200, 176, 264, 240) || x >= 264 && disc(x, y, 264, 208, 32)
		if (bowl || stem) && !hole {
			return white
		}
		return dark
	}
	const n = 4
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	scale := 512 / float64(size)
	for py := range size {
		for px := range size {
			var sum [4]float64
			for sy := range n {
				for sx := range n {
					c := at((float64(px)+(float64(sx)+0.5)/n)*scale, (float64(py)+(float64(sy)+0.5)/n)*scale)
					for i := range 3 {
						sum[i] += c[i] * c[3] // premultiplied, so that a transparent sample adds no colour
					}
					sum[3] += c[3]
				}
			}
			var out color.NRGBA
			if sum[3] > 0 {
				out = color.NRGBA{R: uint8(sum[0]/sum[3] + 0.5), G: uint8(sum[1]/sum[3] + 0.5), B: uint8(sum[2]/sum[3] + 0.5), A: uint8(sum[3]/(n*n) + 0.5)}
			}
			img.SetNRGBA(px, py, out)
		}
	}
	return img
}

// TestIcons: the PNG icons are icon.svg drawn again, at their sizes, and
// the manifest lists them with those sizes. go test ./wasm/web -update
// writes them after a change to the drawing.
func TestIcons(t *testing.T) {
	for _, size := range iconSizes {
		want := drawIcon(size)
		if *update {
			var b bytes.Buffer
			require.NoError(t, (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&b, want))
			require.NoError(t, os.WriteFile(iconName(size), b.Bytes(), 0o644))
			continue // Files holds them as they were when the test was built
		}
		data, err := fs.ReadFile(Files, iconName(size))
		require.NoError(t, err, "the icon is embedded in Files")
		got, err := png.Decode(bytes.NewReader(data))
		require.NoError(t, err, iconName(size))
		require.Equal(t, image.Rect(0, 0, size, size), got.Bounds(), iconName(size))
		same := true
		for y := 0; y < size && same; y++ {
			for x := 0; x < size && same; x++ {
				same = color.NRGBAModel.Convert(got.At(x, y)) == want.At(x, y)
			}
		}
		assert.True(t, same, "%s is not what drawIcon draws: run go test ./wasm/web -update", iconName(size))
	}
	// A few points of the drawing: the corners, the band, the P and its hole.
	img := drawIcon(512)
	for _, p := range []struct {
		x, y int
		want color.NRGBA
	}{
		{2, 2, color.NRGBA{}},
		{256, 20, color.NRGBA{0x0b, 0x0c, 0x0c, 255}},
		{2, 510, color.NRGBA{0x1d, 0x70, 0xb8, 255}},
		{160, 350, color.NRGBA{255, 255, 255, 255}},
		{230, 208, color.NRGBA{0x0b, 0x0c, 0x0c, 255}},
		{330, 208, color.NRGBA{255, 255, 255, 255}},
	} {
		assert.Equal(t, p.want, img.NRGBAAt(p.x, p.y), "(%d, %d)", p.x, p.y)
	}

	data, err := fs.ReadFile(Files, "manifest.webmanifest")
	require.NoError(t, err)
	var m struct {
		Icons []struct{ Src, Sizes, Type, Purpose string }
	}
	require.NoError(t, json.Unmarshal(data, &m))
	listed := map[string]string{}
	for _, i := range m.Icons {
		listed[i.Src] = i.Sizes + " " + i.Type
		_, err := fs.Stat(Files, i.Src)
		assert.NoError(t, err, "the manifest's icon %s is one of the files", i.Src)
	}
	for _, size := range iconSizes {
		s := strconv.Itoa(size)
		assert.Equal(t, s+"x"+s+" image/png", listed[iconName(size)])
	}
}
