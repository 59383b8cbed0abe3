import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResidentSummary } from '../../../../src-shared/schemas/resident';
import { communeName, useBirthText } from '../resident-display';

const ROW_HEIGHT = 36;

interface ResultListProps {
  id: string;
  label: string;
  results: readonly ResidentSummary[];
  active: number;
  onActivate: (index: number) => void;
  onOpen: (resident: ResidentSummary) => void;
  onKeyDown: (event: KeyboardEvent<HTMLElement>) => void;
}

export function optionId(listId: string, index: number): string {
  return `${listId}-option-${index}`;
}

/** The search results as a listbox driven from the search box; only visible rows are in the DOM. */
export function ResultList({
  id,
  label,
  results,
  active,
  onActivate,
  onOpen,
  onKeyDown,
}: ResultListProps): ReactElement {
  const { t } = useTranslation();
  const birthText = useBirthText();
  const scrollRef = useRef<HTMLDivElement>(null);
  // Known and intended: the compiler leaves this component unmemoised, as the virtualizer needs.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: results.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    // Before the first measurement (and in tests without layout), assume a screenful.
    initialRect: { width: 1000, height: 20 * ROW_HEIGHT },
  });

  useEffect(() => {
    if (results.length > 0) virtualizer.scrollToIndex(active, { align: 'auto' });
  }, [active, results, virtualizer]);

  return (
    <div className="registry-list">
      <div className="registry-row registry-row--head" aria-hidden="true">
        <span>{t('registry.columns.name')}</span>
        <span>{t('registry.columns.sex')}</span>
        <span>{t('registry.columns.birth')}</span>
        <span>{t('registry.columns.identifier')}</span>
        <span>{t('registry.columns.phone')}</span>
        <span>{t('registry.columns.address')}</span>
      </div>
      <div ref={scrollRef} className="registry-list__scroll">
        <div
          id={id}
          role="listbox"
          aria-label={label}
          tabIndex={-1}
          aria-activedescendant={results[active] ? optionId(id, active) : undefined}
          className="registry-list__body"
          style={{ height: virtualizer.getTotalSize() }}
          onKeyDown={onKeyDown}
        >
          {virtualizer.getVirtualItems().map((item) => {
            const resident = results[item.index];
            if (!resident) return null;
            const isActive = item.index === active;
            const address = [communeName(resident.communeCode), resident.street]
              .filter(Boolean)
              .join(' · ');
            return (
              <div
                key={resident.id}
                id={optionId(id, item.index)}
                role="option"
                aria-selected={isActive}
                aria-posinset={item.index + 1}
                aria-setsize={results.length}
                tabIndex={-1}
                className={`registry-row${isActive ? ' registry-row--active' : ''}`}
                style={{ height: item.size, transform: `translateY(${item.start}px)` }}
                onClick={() => {
                  onActivate(item.index);
                  onOpen(resident);
                }}
                onKeyDown={(event) => {
                  if (event.key === 'Enter') {
                    event.preventDefault();
                    event.stopPropagation();
                    onOpen(resident);
                  }
                }}
              >
                <span className="registry-row__name">{resident.fullName}</span>
                <span>{t(`common.sex.${resident.sex}`)}</span>
                <span className="mono">{birthText(resident.birthDate)}</span>
                <span>
                  {resident.personalId ? (
                    <span className="mono">{resident.personalId}</span>
                  ) : resident.temporaryId ? (
                    <span className="badge badge--warn" title={t('registry.temporaryIdHint')}>
                      {resident.temporaryId}
                    </span>
                  ) : (
                    <span className="muted">{t('registry.noIdentifier')}</span>
                  )}
                </span>
                <span className="mono">{resident.phone}</span>
                <span className="registry-row__address" title={address}>
                  {address}
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
