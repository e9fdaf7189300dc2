import { z } from 'zod';
import { withHint } from './hint.js';
import { closest } from '../../suggest.js';

/**
 * Colours Grafana draws: its named palette (6 hues in 5 shades, createVisualizationColors.ts in
 * packages/grafana-data), the theme's `transparent`, `text` and `panel-bg`, and what getColorByName
 * passes through to the browser: CSS colour names and hex/rgb()/hsl() forms. Anything else (a typo
 * like `greeen`) is drawn as no colour at all.
 */
const HUES = ['red', 'orange', 'yellow', 'green', 'blue', 'purple'] as const;
const SHADES = ['super-light-', 'light-', '', 'semi-dark-', 'dark-'] as const;
export const GRAFANA_NAMED_COLORS: readonly string[] = [
  ...HUES.flatMap((hue) => [...SHADES.map((s) => `${s}${hue}`), ...[1, 2, 3, 4, 5].map((n) => `${hue}${n}`)]),
  'transparent', 'text', 'panel-bg',
];

const CSS_COLORS = (
  'aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue blueviolet brown burlywood cadetblue ' +
  'chartreuse chocolate coral cornflowerblue cornsilk crimson cyan darkblue darkcyan darkgoldenrod darkgray darkgreen darkgrey ' +
  'darkkhaki darkmagenta darkolivegreen darkorange darkorchid darkred darksalmon darkseagreen darkslateblue darkslategray ' +
  'darkslategrey darkturquoise darkviolet deeppink deepskyblue dimgray dimgrey dodgerblue firebrick floralwhite forestgreen ' +
  'fuchsia gainsboro ghostwhite gold goldenrod gray green greenyellow grey honeydew hotpink indianred indigo ivory khaki ' +
  'lavender lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan lightgoldenrodyellow lightgray lightgreen ' +
  'lightgrey lightpink lightsalmon lightseagreen lightskyblue lightslategray lightslategrey lightsteelblue lightyellow lime ' +
  'limegreen linen magenta maroon mediumaquamarine mediumblue mediumorchid mediumpurple mediumseagreen mediumslateblue ' +
  'mediumspringgreen mediumturquoise mediumvioletred midnightblue mintcream mistyrose moccasin navajowhite navy oldlace olive ' +
  'olivedrab orange orangered orchid palegoldenrod palegreen paleturquoise palevioletred papayawhip peachpuff peru pink plum ' +
  'powderblue purple rebeccapurple red rosybrown royalblue saddlebrown salmon sandybrown seagreen seashell sienna silver skyblue ' +
  'slateblue slategray slategrey snow springgreen steelblue tan teal thistle tomato turquoise violet wheat white whitesmoke ' +
  'yellow yellowgreen'
).split(' ');

const KNOWN: ReadonlySet<string> = new Set([...GRAFANA_NAMED_COLORS, ...CSS_COLORS]);
const NUMERIC = /^(#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})|(rgba?|hsla?)\([^()]*\))$/i;

export function isGrafanaColor(color: string): boolean {
  return KNOWN.has(color.toLowerCase()) || NUMERIC.test(color.trim());
}

/** A colour field: a Grafana or CSS colour name, or #hex / rgb() / hsl(). */
export const grafanaColor = z.string().superRefine((color, ctx) => {
  if (isGrafanaColor(color)) return;
  const near = closest(color, [...KNOWN]);
  ctx.addIssue({
    code: 'custom',
    message: withHint(
      `${JSON.stringify(color)} is not a colour Grafana knows${near ? ` (did you mean "${near}"?)` : ''}`,
      "use a Grafana colour name (green, semi-dark-red, light-blue, …), a CSS colour name, '#rrggbb' or 'rgb(r, g, b)'",
    ),
  });
});
