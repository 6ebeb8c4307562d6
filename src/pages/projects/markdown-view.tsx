// A Markdown file rendered as React elements (decision 42). react-markdown builds elements from a
// syntax tree and never sets innerHTML; raw HTML in the file stays text (its default, which this
// module relies on: no rehype-raw). Links and images go through markdown-links.ts. Loaded lazily.
import { Link } from '@tanstack/react-router';
import type { ComponentProps } from 'react';
import Markdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { fileContentUrl } from '../../api/project-files';
import { classifyLink, imagePath } from './markdown-links';
import './markdown-view.css';

export interface MarkdownViewProps {
  text: string;
  projectId: string;
  /** The commit the file was read at: its images and file links are of the same commit. */
  commitId: string;
  /** The Markdown file's own path, which relative links and images start from. */
  filePath: string;
  label: string;
}

const linkClasses = 'text-blue-700 underline underline-offset-2 dark:text-blue-400';

export function MarkdownView({ text, projectId, commitId, filePath, label }: MarkdownViewProps) {
  const components: Components = {
    a: ({ href, children }: ComponentProps<'a'>) => {
      const link = classifyLink(href ?? '', filePath);
      if (link.kind === 'external') {
        return (
          <a href={link.href} className={linkClasses} rel="noopener noreferrer nofollow" target="_blank">
            {children}
          </a>
        );
      }
      if (link.kind === 'anchor') {
        return (
          <a href={link.href} className={linkClasses}>
            {children}
          </a>
        );
      }
      if (link.kind === 'file') {
        return (
          <Link
            to="/projects/$projectId"
            params={{ projectId }}
            search={{ tab: 'files', path: link.path, commit: commitId, history: 1 }}
            className={linkClasses}
          >
            {children}
          </Link>
        );
      }
      return <span>{children}</span>;
    },
    img: ({ src, alt }: ComponentProps<'img'>) => {
      const path = typeof src === 'string' ? imagePath(src, filePath) : undefined;
      // An image from anywhere else is not fetched: its description stands in for it.
      if (path === undefined) return alt ? <span className="text-slate-600 italic dark:text-slate-400">[{alt}]</span> : null;
      return <img src={fileContentUrl(projectId, commitId, path)} alt={alt ?? ''} loading="lazy" className="max-w-full" />;
    },
  };
  return (
    <article aria-label={label} className="markdown-body min-w-0 text-slate-800 dark:text-slate-200">
      <Markdown remarkPlugins={[remarkGfm]} components={components}>
        {text}
      </Markdown>
    </article>
  );
}
