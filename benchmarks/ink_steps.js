// Times inkjs per choice step on a compiled story: continue, list choices, choose.
// Usage: node ink_steps.js story.ink STEPS SEED
const fs = require("fs");
const { Compiler } = require("inkjs/full");
const src = fs.readFileSync(process.argv[2], "utf8");
const steps = parseInt(process.argv[3], 10);
let seed = parseInt(process.argv[4], 10);
const rand = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
const story = new Compiler(src).Compile();
const times = [];
story.ContinueMaximally();
for (let i = 0; i < steps; i++) {
  const t0 = process.hrtime.bigint();
  story.ContinueMaximally();
  const choices = story.currentChoices;
  story.ChooseChoiceIndex(Math.floor(rand() * choices.length));
  story.ContinueMaximally();
  times.push(Number(process.hrtime.bigint() - t0) / 1000);
}
times.sort((a, b) => a - b);
console.log(JSON.stringify({ median_us: times[Math.floor(times.length / 2)], steps }));
