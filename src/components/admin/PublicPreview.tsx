// What employees will read of a text HR is about to make public (an answer,
// a moderated title and text, a status note, a reward note), beside the
// field: the English and the Chinese pages show it exactly as HR wrote it,
// nothing split, translated or left out, and the preview says so.
import type { T } from "./api.ts";
import "./public-preview.css";

export function PublicPreview({ t, text, title }: { t: T; text: string; title?: string }) {
  return (
    <div className="admin-public-preview" role="group" aria-label={t("admin.preview.label")} data-public-preview>
      <p className="muted">{t("admin.preview.asWritten")}</p>
      <div className="admin-preview-pages">
        {(["en", "zh-cn"] as const).map((page) => (
          <div key={page} data-preview-page={page}>
            <p className="admin-preview-page">{t(page === "en" ? "admin.preview.en" : "admin.preview.zh")}</p>
            {title !== undefined && (
              <p className="idea-text">
                <strong>{title}</strong>
              </p>
            )}
            <p className="idea-text" data-preview-text>
              {text}
            </p>
          </div>
        ))}
      </div>
    </div>
  );
}
