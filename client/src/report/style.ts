// The report's stylesheet: VS Code's theme variables only, so it follows light, dark and high
// contrast themes; the treemap's categories use the chart colours the workbench itself uses.
export const STYLE = `
body {
  font-family: var(--vscode-font-family); font-size: var(--vscode-font-size);
  color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 16px 24px;
}
h1 { font-size: 1.4em; }
h2 { font-size: 1.1em; margin-top: 1.6em; border-bottom: 1px solid var(--vscode-panel-border); }
header { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 24px; }
#build {
  font: inherit; margin-left: 6px; padding: 2px 4px; color: var(--vscode-dropdown-foreground);
  background: var(--vscode-dropdown-background); border: 1px solid var(--vscode-dropdown-border);
}
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; }
dt { color: var(--vscode-descriptionForeground); } dd { margin: 0; }
.note { color: var(--vscode-descriptionForeground); } .fatal { color: var(--vscode-errorForeground); }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 20px; }
.swatch { display: inline-block; width: 10px; height: 10px; margin-right: 6px; }
.swatch.needed { background: var(--vscode-charts-purple); }
.swatch.unused { background: var(--vscode-charts-orange); }
.swatch.sent { background: var(--vscode-charts-blue); }
.swatch.excluded { background: var(--vscode-charts-green); opacity: .75; }
#treemap { display: block; width: 100%; max-width: 1080px; height: auto; }
#treemap rect { stroke: var(--vscode-editor-background); stroke-width: 1; }
#treemap .needed { fill: var(--vscode-charts-purple); }
#treemap .unused { fill: var(--vscode-charts-orange); }
#treemap .sent { fill: var(--vscode-charts-blue); }
#treemap .excluded { fill: var(--vscode-charts-green); fill-opacity: .75; }
#treemap .frame { fill: var(--vscode-editorWidget-background); }
#treemap .outline { fill: none; stroke: none; }
/* Labels on a coloured cell take the background's colour; a folder's header is on its frame. */
#treemap text { font-size: 11px; fill: var(--vscode-editor-background); pointer-events: none; }
#treemap .frame + text { fill: var(--vscode-foreground); }
#treemap .cell:hover > .outline, #treemap .cell:focus > .outline, #treemap .cell:focus > .frame {
  stroke: var(--vscode-focusBorder); stroke-width: 2;
}
#treemap .cell:focus { outline: none; }
#tip {
  position: absolute; z-index: 1; max-width: 28em; padding: 4px 8px; pointer-events: none;
  color: var(--vscode-editorHoverWidget-foreground); background: var(--vscode-editorHoverWidget-background);
  border: 1px solid var(--vscode-editorHoverWidget-border);
}
#tip > div:first-child { font-weight: 600; }
table { border-collapse: collapse; }
th, td { text-align: left; padding: 2px 10px 2px 0; vertical-align: top; }
code { font-family: var(--vscode-editor-font-family); color: var(--vscode-textPreformat-foreground); }
`;
