/** Every email template, by id (see ../render.tsx for how to add one). */
export { lessonBookedEmail, type LessonEmailProps } from "./lesson";
