package browser

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"testing"
	"time"
)

func TestInk(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 100, 50))
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	if ink, n := Ink(img); ink != 0 || n != 1 {
		t.Errorf("white image: ink %g, %d colours; want 0, 1", ink, n)
	}
	// Near-white noise (anti-aliasing, gradients) is not ink.
	img.Set(3, 3, color.NRGBA{240, 240, 240, 255})
	if ink, _ := Ink(img); ink != 0 {
		t.Errorf("near-white pixel counted as ink: %g", ink)
	}
	for x := 0; x < 100; x++ { // a 1-pixel blue line: 100 of 5000 pixels
		img.Set(x, 25, color.NRGBA{0x54, 0x70, 0xc6, 255})
	}
	if ink, n := Ink(img); ink != 0.02 || n != 3 {
		t.Errorf("one line: ink %g, %d colours; want 0.02, 3", ink, n)
	}
}

// TestChromiumPipe drives the machine's Chromium over the DevTools pipe:
// a page drawn by a script is evaluated and captured.
func TestChromiumPipe(t *testing.T) {
	const bin = "/usr/bin/chromium"
	if _, err := os.Stat(bin); err != nil || testing.Short() {
		t.Skip("needs /usr/bin/chromium (scripts/install.sh --test installs it)")
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	br, err := StartChromium(bin)
	if err != nil {
		t.Fatal(err)
	}
	defer br.Close()
	p, err := br.NewPage(ctx, 400, 300)
	if err != nil {
		t.Fatal(err)
	}
	page := `data:text/html,<body style="margin:0;background:white"><canvas id=c width=400 height=300></canvas>` +
		`<script>const g=document.getElementById("c").getContext("2d");g.fillStyle="%23d00";g.fillRect(0,0,200,150);</script>`
	if err := p.Navigate(ctx, page); err != nil {
		t.Fatal(err)
	}
	if err := poll(ctx, p, `document.readyState === "complete"`, 100*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	var sum int
	if err := p.Eval(ctx, `[1, 2, 3].reduce((a, b) => a + b)`, &sum); err != nil || sum != 6 {
		t.Fatalf("Eval: %d, %v", sum, err)
	}
	if err := p.Eval(ctx, `nosuchfunction()`, nil); err == nil {
		t.Error("a JavaScript exception: want an error")
	}
	shot, err := p.Screenshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatal(err)
	}
	if ink, _ := Ink(img); ink < 0.24 || ink > 0.26 {
		t.Errorf("a quarter of the page is red, ink %g, want 0.25", ink)
	}
	// The resolver rules keep the browser off the network.
	if err := p.Navigate(ctx, "http://example.com/"); err == nil {
		var host string
		p.Eval(ctx, `location.host`, &host)
		var text string
		p.Eval(ctx, `document.body ? document.body.innerText : ""`, &text)
		if bytes.Contains([]byte(text), []byte("Example Domain")) {
			t.Error("the browser reached the internet")
		}
	}
}
