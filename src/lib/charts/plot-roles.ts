/**
 * Plot labels mark groups (<g>) and, with an ariaLabel channel, single shapes; give them a role
 * (group / img) so the label is allowed (ARIA prohibits names on generic elements).
 */
export function labelRoles(root: Element): void {
	for (const el of root.querySelectorAll('svg [aria-label]:not([role])')) el.setAttribute('role', el.tagName === 'g' ? 'group' : 'img');
}
