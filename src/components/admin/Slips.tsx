// The printable sheet of invitation slips, loaded only when HR has new codes
// (the QR code's arithmetic stays off every other console path). Each slip
// holds its code, a QR code of the survey's short address and, in both
// languages — the console's first — the survey's title, where to go (the
// Chinese lines name the /zh-cn/ address), the warning that typing the code
// uses it up, and that it is never linked to the answers. The address never
// carries the code (it would land in history, logs and the Referer).
//
// QR codes: uqr (unjs), pinned. It encodes in plain JavaScript with no
// canvas; the modules are drawn here as one SVG path, so the sheet prints
// sharp at any size and needs nothing the CSP would refuse.
import { encode } from "uqr";
import { createPortal } from "react-dom";
import { LANG_TAG, LOCALES, type Locale } from "#i18n/config.ts";
import { translator, type Strings } from "#i18n/translate.ts";
import type { KeysOf } from "#i18n/index.ts";
import { shortPath } from "#lib/surveys/short-address.ts";
import type { HrSurvey } from "#lib/surveys/tools.ts";

export type SlipStrings = Record<Locale, Strings<KeysOf<"admin.slip.">>>;

/** One SVG path over the dark modules, with the quiet zone of 4 modules the QR standard asks for. */
export function QrCode({ text, label }: { text: string; label: string }) {
  const { data, size } = encode(text, { ecc: "M", border: 4 });
  let d = "";
  data.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) d += `M${x} ${y}h1v1h-1z`;
    }),
  );
  return (
    <svg className="admin-slip-qr" viewBox={`0 0 ${size} ${size}`} role="img" aria-label={label} shapeRendering="crispEdges" data-qr={text}>
      <rect width={size} height={size} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}

export function Slips({ survey, codes, first, strings }: { survey: HrSurvey; codes: string[]; first: Locale; strings: SlipStrings }) {
  const { host, origin } = window.location;
  const name = { id: survey.id, short: survey.shortName ?? undefined };
  const languages = [first, ...LOCALES.filter((l) => l !== first)];
  // one QR code for the sheet: the short address in the console's language
  const qrText = `${origin}${shortPath(name, first)}`;
  const qr = <QrCode text={qrText} label={translator(strings[first])("admin.slip.qr", { address: `${host}${shortPath(name, first)}` })} />;
  return createPortal(
    // The sheet sits outside the island: printing hides islands (global.css).
    <div className="admin-slips" aria-hidden="true">
      {codes.map((code) => (
        <div className="admin-slip" key={code} data-slip>
          {qr}
          <p className="admin-slip-code">{code}</p>
          {languages.map((locale) => {
            const t = translator(strings[locale]);
            const address = `${host}${shortPath(name, locale)}`;
            return (
              <div className="admin-slip-lang" lang={LANG_TAG[locale]} key={locale} data-slip-lang={locale}>
                <p className="admin-slip-title">{locale === "zh-cn" ? survey.title["zh-cn"] : survey.title.default}</p>
                <p>{t("admin.slip.open", { address })}</p>
                <p className="admin-slip-warning">{t("admin.slip.warning")}</p>
                <p>{t("admin.slip.anonymous")}</p>
              </div>
            );
          })}
        </div>
      ))}
    </div>,
    document.body,
  );
}
