// Syntax highlighting as React elements: lowlight tokenises into a syntax tree, which becomes
// nested <span>s here, so no markup string is ever parsed (decision 42). Only the languages a data
// science project holds are registered, to keep this lazily loaded chunk small.
import type { ReactNode } from 'react';
import { createLowlight } from 'lowlight';
import bash from 'highlight.js/lib/languages/bash';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import markdown from 'highlight.js/lib/languages/markdown';
import python from 'highlight.js/lib/languages/python';
import r from 'highlight.js/lib/languages/r';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import yaml from 'highlight.js/lib/languages/yaml';
import type { HighlightLanguage } from './highlight';
import './highlighted-code.css';

const lowlight = createLowlight({ bash, javascript, json, markdown, python, r, sql, typescript, yaml });

type HastNode = ReturnType<typeof lowlight.highlight>['children'][number];

function render(nodes: readonly HastNode[], key: string): ReactNode[] {
  return nodes.map((node, index) => {
    if (node.type === 'text') return node.value;
    if (node.type !== 'element') return null;
    const className = Array.isArray(node.properties.className) ? node.properties.className.join(' ') : undefined;
    return (
      <span key={`${key}.${index}`} className={className}>
        {render(node.children as HastNode[], `${key}.${index}`)}
      </span>
    );
  });
}

export function HighlightedCode({ text, language }: { text: string; language: HighlightLanguage }) {
  const tree = lowlight.highlight(language, text);
  return <code className="hl-root">{render(tree.children, 't')}</code>;
}
