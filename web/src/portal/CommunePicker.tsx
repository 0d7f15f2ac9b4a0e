import { type KeyboardEvent, useMemo, useState } from "react";
import { rankMatches } from "../../../common/search.ts";
import type { Commune } from "./api.ts";
import { t } from "./i18n.ts";

const MAX_SHOWN = 8;

/**
 * A combobox (ARIA 1.2 pattern) over the communes in force: typing with or without diacritics or
 * punctuation, words in any order ("rach gia") narrows the list, the best match first; arrows, Enter and Escape work as on a desktop picker.
 */
export function CommunePicker(props: {
  communes: Commune[];
  value: Commune | null;
  onChange(value: Commune | null): void;
  /** What is typed, for a name the server can still match when nothing was picked. */
  onText(text: string): void;
  error: string | null;
  errorId: string;
  inputId: string;
}) {
  const { communes, value, onChange, onText, error, errorId } = props;
  const id = props.inputId;
  const [text, setText] = useState(value?.name ?? "");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  // The common search rule: "rach gia", "gia rach", "P. Rạch Giá" find Phường Rạch Giá, first.
  const matches = useMemo(
    () => rankMatches(communes, text, { fields: (c) => [c.name] }).slice(0, MAX_SHOWN),
    [communes, text],
  );

  const choose = (commune: Commune) => {
    onChange(commune);
    setText(commune.name);
    onText(commune.name);
    setOpen(false);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      setOpen(true);
      setActive((n) => Math.min(n + 1, matches.length - 1));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setActive((n) => Math.max(n - 1, 0));
    } else if (event.key === "Enter" && open && matches[active]) {
      event.preventDefault();
      choose(matches[active]);
    } else if (event.key === "Escape") {
      setOpen(false);
    }
  };
  const listId = `${id}-list`;
  const hintId = `${id}-hint`;
  return (
    <div className="field combobox">
      <label htmlFor={id}>
        {t("portal.submit.commune")} <span aria-hidden="true">*</span>
      </label>
      <p className="hint" id={hintId}>
        {t("portal.submit.communeHint")}
      </p>
      <input
        id={id}
        name="commune"
        type="text"
        role="combobox"
        autoComplete="off"
        aria-required="true"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && matches[active] ? `${listId}-${active}` : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${hintId} ${errorId}` : hintId}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          onText(event.target.value);
          setActive(0);
          setOpen(true);
          if (value) onChange(null);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
      <div id={listId} role="listbox" aria-label={t("portal.submit.commune")} hidden={!open}>
        {matches.map((commune, index) => (
          <div
            key={commune.id}
            id={`${listId}-${index}`}
            role="option"
            tabIndex={-1}
            aria-selected={index === active}
            className={index === active ? "active" : undefined}
            // mousedown, not click: it comes before the input's blur closes the list
            onMouseDown={(event) => {
              event.preventDefault();
              choose(commune);
            }}
          >
            {commune.name}
          </div>
        ))}
        {matches.length === 0 && (
          <div role="option" tabIndex={-1} aria-selected={false} aria-disabled="true" className="muted">
            {t("portal.submit.communeNone")}
          </div>
        )}
      </div>
      <p className="visually-hidden" aria-live="polite">
        {open ? t("portal.submit.communeCount", { count: matches.length }) : ""}
      </p>
    </div>
  );
}
