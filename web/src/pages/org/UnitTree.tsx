import { memo, useState } from 'react';
import { Button } from 'antd';
import { CaretDownOutlined, CaretRightOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import type { UnitTreeNode } from '../../api/units';
import { useT } from '../../i18n/i18n';
import type { TreeIndex } from './unit-tree-index';

type Props = { index: TreeIndex; unitPath: (id: string) => string; kindLabel: (code: string) => string };

/**
 * A disclosure tree: each level is rendered only when opened, so ~600 units never sit in the page at once,
 * and every unit is a real link (open in a new tab, copy the address).
 */
export function UnitTree({ index, unitPath, kindLabel }: Props) {
  const t = useT();
  // Open the top level (the province) by default.
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set(index.roots.length <= 3 ? index.roots.map((r) => r.id) : []));
  const toggle = (id: string) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <div className="unit-tree-wrap">
      <div className="unit-tree-tools">
        <Button size="small" onClick={() => setExpanded(new Set())} disabled={expanded.size === 0}>
          {t('org.collapseAll')}
        </Button>
      </div>
      {/* A scrollable region must be reachable by keyboard (WCAG 2.1.1). */}
      <div className="unit-tree-scroll" tabIndex={0} role="region" aria-label={t('org.treeRegion')}>
        <TreeLevel nodes={index.roots} index={index} expanded={expanded} toggle={toggle} unitPath={unitPath} kindLabel={kindLabel} depth={0} />
      </div>
    </div>
  );
}

type LevelProps = Props & { nodes: UnitTreeNode[]; expanded: Set<string>; toggle: (id: string) => void; depth: number };

const TreeLevel = memo(function TreeLevel({ nodes, index, expanded, toggle, unitPath, kindLabel, depth }: LevelProps) {
  const t = useT();
  return (
    <ul className={depth === 0 ? 'unit-tree' : 'unit-tree-children'}>
      {nodes.map((node) => {
        const children = index.childrenOf.get(node.id) ?? [];
        const open = expanded.has(node.id);
        return (
          <li key={node.id}>
            <div className="unit-tree-row">
              {children.length > 0 ? (
                <button
                  type="button"
                  className="unit-tree-toggle"
                  aria-expanded={open}
                  aria-label={t(open ? 'org.collapse' : 'org.expand', { name: node.name })}
                  onClick={() => toggle(node.id)}
                >
                  {open ? <CaretDownOutlined aria-hidden /> : <CaretRightOutlined aria-hidden />}
                </button>
              ) : (
                <span className="unit-tree-leaf" aria-hidden />
              )}
              <Link to={unitPath(node.id)} className={depth === 0 ? 'unit-tree-link root' : 'unit-tree-link'}>
                {node.name}
              </Link>
              <span className="unit-tree-meta">
                {kindLabel(node.kindCode) !== node.kindCode && depth === 0 ? `${kindLabel(node.kindCode)} · ` : ''}
                {node.code ? `${t('common.code')} ${node.code}` : ''}
                {children.length > 0 ? ` · ${t('org.treeCount', { count: children.length })}` : ''}
              </span>
            </div>
            {open && children.length > 0 ? (
              <TreeLevel nodes={children} index={index} expanded={expanded} toggle={toggle} unitPath={unitPath} kindLabel={kindLabel} depth={depth + 1} />
            ) : null}
          </li>
        );
      })}
    </ul>
  );
});
